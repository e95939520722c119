import * as assert from 'node:assert/strict';
import { jsxAttributeValue } from '../../../src/insert/jsx';
import { cssUrl, escapeHtml, escapeMarkdownText, markdownDestination, markdownTitle } from '../../../src/insert/markup';
import { HOSTILE, TRICKY, UNICODE } from './fixtures';

describe('insert/markup: escapers', () => {
  describe('escapeHtml', () => {
    it('turns the hostile name into inert text', () => {
      assert.equal(escapeHtml(HOSTILE), '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    });
    it('escapes template delimiters used by HTML-embedding languages', () => {
      assert.equal(escapeHtml('{{ x }} {% y %} ${z} @Model'), '&#123;&#123; x &#125;&#125; &#123;% y %&#125; $&#123;z&#125; &#64;Model');
    });
    it('writes line breaks, tabs, U+2028 and bidi marks as numeric references; other controls as U+FFFD', () => {
      assert.equal(escapeHtml('a\r\nb\tc\u2028d\u202ee\u200ff'), 'a&#13;&#10;b&#9;c&#x2028;d&#x202e;e&#x200f;f');
      assert.equal(escapeHtml('a\u0000b\u0007c\u0085d\ud800'), 'a\ufffdb\ufffdc\ufffdd\ufffd');
    });
    it('keeps backslashes and printable Unicode', () => {
      assert.equal(escapeHtml(TRICKY), 'C:\\clips\\&quot;best&quot; &#39;take&#39;&#10;line2&#9;end');
      assert.equal(escapeHtml(UNICODE), UNICODE);
    });
  });

  describe('escapeMarkdownText', () => {
    it('backslash-escapes the hostile name', () => {
      assert.equal(escapeMarkdownText(HOSTILE), '\\<img src=x onerror=alert(1)\\>"\'\\&');
    });
    it('escapes brackets, backslashes, backticks and other inline markup', () => {
      assert.equal(escapeMarkdownText('a]b[c\\d`e'), 'a\\]b\\[c\\\\d\\`e');
      assert.equal(escapeMarkdownText('*b* ~s~ |t| $m$ {e} &amp;'), '\\*b\\* \\~s\\~ \\|t\\| \\$m\\$ \\{e\\} \\&amp;');
    });
    it('escapes _ only where it could open or close emphasis', () => {
      assert.equal(escapeMarkdownText('my_clip_final.png'), 'my_clip_final.png');
      assert.equal(escapeMarkdownText('_draft_ v_'), '\\_draft\\_ v\\_');
      assert.equal(escapeMarkdownText('日本_語'), '日本_語');
    });
    it('turns line breaks and tabs into spaces (a blank line would end the paragraph)', () => {
      assert.equal(escapeMarkdownText(TRICKY), 'C:\\\\clips\\\\"best" \'take\' line2 end');
      assert.equal(escapeMarkdownText('a\n\nb\r\nc'), 'a  b c');
    });
    it('writes bidi marks as numeric character references and keeps Unicode', () => {
      assert.equal(escapeMarkdownText('invoice\u202egnp.exe'), 'invoice&#x202e;gnp.exe');
      assert.equal(escapeMarkdownText(UNICODE), UNICODE);
    });
  });

  describe('markdownDestination / markdownTitle', () => {
    it('leaves ordinary URLs unchanged', () => {
      const url = 'https://image.media.videogen.io/f/a.png?token=abc&download=cat%20pic.png';
      assert.equal(markdownDestination(url), url);
    });
    it('percent-encodes spaces and angle brackets, backslash-escapes parentheses and backslashes', () => {
      assert.equal(markdownDestination('https://x.io/a b(1)<2>\\c'), 'https://x.io/a%20b\\(1\\)%3C2%3E\\\\c');
    });
    it('backslash-escapes & only before something entity-like (destinations decode entities)', () => {
      assert.equal(markdownDestination('https://x.io/?a=1&b=2&amp;c=3&#60;&copy=4'), 'https://x.io/?a=1&b=2\\&amp;c=3\\&#60;&copy=4');
    });
    it('titles escape \\ " & and flatten line breaks', () => {
      assert.equal(markdownTitle('vg_file_x'), '"vg_file_x"');
      assert.equal(markdownTitle('a "b" \\ &c\nd'), '"a \\"b\\" \\\\ \\&c d"');
    });
  });

  describe('cssUrl', () => {
    it('quotes the URL, escaping quotes, backslashes and line breaks', () => {
      assert.equal(cssUrl('https://x.io/a.png?b=1&c=2'), 'url("https://x.io/a.png?b=1&c=2")');
      assert.equal(cssUrl('https://x.io/a"b\\c\'d.png'), 'url("https://x.io/a\\"b\\\\c\'d.png")');
      assert.equal(cssUrl("https://x.io/a\"b'c.png", "'"), "url('https://x.io/a\"b\\'c.png')");
      assert.equal(cssUrl('a\nb\u0000c)'), 'url("a\\a b\\fffd c)")');
    });
  });

  describe('jsxAttributeValue', () => {
    it('uses a plain string attribute when it reads back unchanged', () => {
      assert.equal(jsxAttributeValue('cat.png'), '"cat.png"');
      assert.equal(jsxAttributeValue("Tom & Jerry's"), '"Tom & Jerry\'s"');
      assert.equal(jsxAttributeValue('https://x.io/a.png?t=1&download=b.png'), '"https://x.io/a.png?t=1&download=b.png"');
      assert.equal(jsxAttributeValue(UNICODE), `"${UNICODE}"`);
    });
    it('uses an expression container for quotes, backslashes, braces, angle brackets', () => {
      assert.equal(jsxAttributeValue(HOSTILE), '{"<img src=x onerror=alert(1)>\\"\'&"}');
      assert.equal(jsxAttributeValue('a\\b'), '{"a\\\\b"}');
      assert.equal(jsxAttributeValue('{x}'), '{"{x}"}');
    });
    it('uses an expression container for anything entity-like (JSX strings decode entities)', () => {
      assert.equal(jsxAttributeValue('a &amp; b'), '{"a &amp; b"}');
      assert.equal(jsxAttributeValue('&#123;'), '{"&#123;"}');
      assert.equal(jsxAttributeValue('a & b;'), '"a & b;"');
    });
    it('uses an expression container for line breaks, tabs and bidi marks', () => {
      assert.equal(jsxAttributeValue(TRICKY), '{"C:\\\\clips\\\\\\"best\\" \'take\'\\nline2\\tend"}');
      assert.equal(jsxAttributeValue('a\u202eb'), '{"a\\u202eb"}');
      assert.equal(jsxAttributeValue('a\u0000b'), '"a\ufffdb"');
    });
  });
});
