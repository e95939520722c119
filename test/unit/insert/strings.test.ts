import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { quoteString, stringDialectFor, supportedQuotes } from '../../../src/insert/strings';
import { HOSTILE, TRICKY, UNICODE } from './fixtures';

/** it's "q" \ end — both quotes and a backslash. */
const S1 = 'it\'s "q" \\ end';

const q = quoteString;

describe('insert/strings: quoteString per language', () => {
  describe('JavaScript / TypeScript family', () => {
    it('double quotes by default, escaping the quote and backslashes', () => {
      for (const lang of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'vue', 'svelte']) {
        assert.equal(q(S1, lang), '"it\'s \\"q\\" \\\\ end"', lang);
      }
    });
    it('honours a single-quote or backtick preference', () => {
      assert.equal(q(S1, 'typescript', "'"), "'it\\'s \"q\" \\\\ end'");
      assert.equal(q('cost: ${price} $5 `tick`', 'typescript', '`'), '`cost: \\${price} $5 \\`tick\\``');
    });
    it('escapes controls, line separators, bidi marks and lone surrogates', () => {
      assert.equal(q('a\nb\tc\u0000d\u2028e\u202ef\u007fg', 'javascript'), '"a\\nb\\tc\\x00d\\u2028e\\u202ef\\x7fg"');
      assert.equal(q('\ud800x', 'javascript'), '"\\ud800x"');
    });
    it('keeps printable Unicode as it is', () => {
      assert.equal(q(UNICODE, 'typescript'), `"${UNICODE}"`);
    });
    it('round-trips through a JavaScript evaluation for every quote', () => {
      const values = [S1, HOSTILE, TRICKY, UNICODE, '${a}`\\`', '\u2028\u2029\u202e\u0000\u0001\ud800', '\\u0041 \\x41 \\'];
      for (const value of values) {
        for (const quote of ['"', "'", '`'] as const) {
          const literal = q(value, 'typescript', quote);
          assert.equal(vm.runInNewContext(literal), value, literal);
        }
      }
    });
  });

  describe('JSON family', () => {
    it('always double quotes, JSON escapes, and JSON.parse round-trips', () => {
      for (const lang of ['json', 'jsonc', 'json5', 'jsonl']) {
        assert.equal(q(S1, lang, "'"), '"it\'s \\"q\\" \\\\ end"', lang);
      }
      assert.equal(q('a\nb\u0000\u007f\u2028\u202e\u000b', 'json'), '"a\\nb\\u0000\\u007f\\u2028\\u202e\\u000b"');
      for (const value of [S1, HOSTILE, TRICKY, UNICODE, '\ud800\u0000\u001f\u2028']) {
        assert.equal(JSON.parse(q(value, 'json')), value);
      }
    });
  });

  describe('Python', () => {
    it('double by default, single on request, \\x / \\u escapes', () => {
      assert.equal(q(S1, 'python'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q(S1, 'python', "'"), "'it\\'s \"q\" \\\\ end'");
      assert.equal(q(S1, 'python', '`'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('a\nb\u0000\u0085\u2028\ud800', 'python'), '"a\\nb\\x00\\x85\\u2028\\ud800"');
    });
  });

  describe('Go', () => {
    it('interpreted string by default; raw string on request when it can hold the value', () => {
      assert.equal(q(S1, 'go'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q(S1, 'go', '`'), '`it\'s "q" \\ end`');
      assert.equal(q('a`b', 'go', '`'), '"a`b"');
      assert.equal(q('a\rb', 'go', '`'), '"a\\rb"');
      assert.equal(q(S1, 'go', "'"), '"it\'s \\"q\\" \\\\ end"');
    });
    it('writes \\x only below 0x80 (a byte in Go) and replaces lone surrogates', () => {
      assert.equal(q('a\nb\u0000\u0007\u0085\u202e\ud800', 'go'), '"a\\nb\\x00\\a\\u0085\\u202e\\ufffd"');
    });
  });

  describe('Rust', () => {
    it('double quotes only, \\u{…} escapes, no surrogates', () => {
      assert.equal(q(S1, 'rust', "'"), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('a\n\u0000\u007f\u202e\ud800', 'rust'), '"a\\n\\0\\u{7f}\\u{202e}\\u{fffd}"');
    });
  });

  describe('Java', () => {
    it('octal escapes up to U+00FF (javac pre-translates \\u escapes), \\uXXXX above', () => {
      assert.equal(q(S1, 'java'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('a\n\u0000\u007f\u0085\u2028\u202e', 'java'), '"a\\n\\000\\177\\205\\u2028\\u202e"');
    });
    it('a literal backslash-u in the value stays inert', () => {
      assert.equal(q('\\u0022', 'java'), '"\\\\u0022"');
    });
  });

  describe('C#', () => {
    it('escapes the C# line terminators U+0085/U+2028/U+2029', () => {
      assert.equal(q(S1, 'csharp'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('a\n\u0000\u0007\u0085\u2028\u2029', 'csharp'), '"a\\n\\0\\a\\u0085\\u2028\\u2029"');
    });
  });

  describe('Kotlin, Swift, Dart', () => {
    it('Kotlin escapes $ (templates)', () => {
      assert.equal(q('price: $amount ${x}', 'kotlin'), '"price: \\$amount \\${x}"');
    });
    it('Swift: \\( cannot interpolate, \\u{…} escapes', () => {
      assert.equal(q('\\(y)', 'swift'), '"\\\\(y)"');
      assert.equal(q('\u0000\u202e', 'swift'), '"\\0\\u{202e}"');
    });
    it('Dart prefers single quotes and escapes $', () => {
      assert.equal(q("it's $x", 'dart'), "'it\\'s \\$x'");
      assert.equal(q("it's $x", 'dart', '"'), '"it\'s \\$x"');
    });
  });

  describe('C / C++ / Objective-C', () => {
    it('breaks trigraphs and writes non-ASCII unsafe characters as UTF-8 octal bytes', () => {
      for (const lang of ['c', 'cpp', 'objective-c']) assert.equal(q('what??=', lang), '"what?\\?="', lang);
      assert.equal(q('???', 'c'), '"?\\?\\?"');
      assert.equal(q('a\n\u0001\u0085\u202e', 'cpp'), '"a\\n\\001\\302\\205\\342\\200\\256"');
      assert.equal(q(UNICODE, 'c'), `"${UNICODE}"`);
    });
  });

  describe('PHP', () => {
    it('single quotes by default (no interpolation)', () => {
      assert.equal(q(S1, 'php'), "'it\\'s \"q\" \\\\ end'");
      assert.equal(q('$x {$y}', 'php'), "'$x {$y}'");
    });
    it('double quotes escape $', () => {
      assert.equal(q(S1, 'php', '"'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('$x {$y}', 'php', '"'), '"\\$x {\\$y}"');
    });
    it('switches to double quotes when the value needs escapes', () => {
      assert.equal(q('a\nb$c', 'php'), '"a\\nb\\$c"');
      assert.equal(q('é\u0085\u0001', 'php'), '"é\\u{85}\\x01"');
    });
  });

  describe('Ruby', () => {
    it('single quotes by default; double quotes escape #', () => {
      assert.equal(q(S1, 'ruby'), "'it\\'s \"q\" \\\\ end'");
      assert.equal(q('#{x} #@y', 'ruby'), "'#{x} #@y'");
      assert.equal(q('#{x} #@y', 'ruby', '"'), '"\\#{x} \\#@y"');
      assert.equal(q('a\n\u001b\u202e', 'ruby'), '"a\\n\\e\\u{202e}"');
    });
  });

  describe('shell', () => {
    it("single quotes by default, ' as '\\''", () => {
      assert.equal(q(S1, 'shellscript'), "'it'\\''s \"q\" \\ end'");
      assert.equal(q('$HOME `id`', 'shellscript'), "'$HOME `id`'");
    });
    it('double quotes escape \\ " $ `', () => {
      assert.equal(q(S1, 'shellscript', '"'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q('$HOME `id`', 'shellscript', '"'), '"\\$HOME \\`id\\`"');
    });
    it("uses ANSI-C $'…' for controls; NUL (impossible in shell) becomes U+FFFD", () => {
      assert.equal(q("a\nb'c\u0000\u202e", 'shellscript'), "$'a\\nb\\'c\\ufffd\\u202e'");
    });
  });

  describe('YAML', () => {
    it('double-quoted scalar by default, single-quoted on request', () => {
      assert.equal(q(S1, 'yaml'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q(S1, 'yaml', "'"), "'it''s \"q\" \\ end'");
    });
    it('switches to double quotes for controls', () => {
      assert.equal(q('a\nb\u0085\u2028\u001b\ud800', 'yaml', "'"), '"a\\nb\\x85\\u2028\\e\\ufffd"');
    });
  });

  describe('SQL and PowerShell', () => {
    it("SQL doubles '", () => {
      assert.equal(q(S1, 'sql', '"'), "'it''s \"q\" \\ end'");
    });
    it('PowerShell doubles every single-quote character, backtick-escapes in double quotes', () => {
      assert.equal(q("it's \u2019curly\u2019", 'powershell'), "'it''s \u2019\u2019curly\u2019\u2019'");
      assert.equal(q('$x `t \u201cq\u201d', 'powershell', '"'), '"`$x ``t `\u201cq`\u201d"');
      assert.equal(q('a\nb\u202e', 'powershell'), '"a`nb`u{202e}"');
    });
  });

  describe('CSS and HTML', () => {
    it('CSS strings escape \\, the quote, and controls as hex escapes', () => {
      assert.equal(q(S1, 'css'), '"it\'s \\"q\\" \\\\ end"');
      assert.equal(q(S1, 'scss', "'"), "'it\\'s \"q\" \\\\ end'");
      assert.equal(q('a\nb\u0000', 'less'), '"a\\a b\\fffd "');
    });
    it('HTML attribute values are entity-escaped', () => {
      assert.equal(q(S1, 'html'), '"it&#39;s &quot;q&quot; \\ end"');
      assert.equal(q(HOSTILE, 'html'), '"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"');
    });
  });

  describe('fallback for other languages', () => {
    it('plain text, Markdown and unknown ids use C-style double quotes with \\uXXXX', () => {
      for (const lang of ['plaintext', 'markdown', 'toml', 'no-such-language']) {
        assert.equal(q(S1, lang), '"it\'s \\"q\\" \\\\ end"', lang);
        assert.equal(stringDialectFor(lang).id, 'generic');
      }
      assert.equal(q('a\n\u0000\u202e', 'plaintext'), '"a\\n\\u0000\\u202e"');
      assert.equal(q(S1, 'plaintext', "'"), "'it\\'s \"q\" \\\\ end'");
    });
  });

  describe('supportedQuotes', () => {
    it('lists the quotes each language accepts, default first', () => {
      assert.deepEqual(supportedQuotes('typescript'), ['"', "'", '`']);
      assert.deepEqual(supportedQuotes('json'), ['"']);
      assert.deepEqual(supportedQuotes('python'), ['"', "'"]);
      assert.deepEqual(supportedQuotes('go'), ['"', '`']);
      assert.deepEqual(supportedQuotes('rust'), ['"']);
      assert.deepEqual(supportedQuotes('php'), ["'", '"']);
      assert.deepEqual(supportedQuotes('shellscript'), ["'", '"']);
      assert.deepEqual(supportedQuotes('sql'), ["'"]);
    });
  });
});
