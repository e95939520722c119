// Several files inserted at one cursor: the joined text is read back by the language's own parser (TypeScript,
// JSON.parse) or an exact Python string-literal reader, and must hold every file as its own item.

import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import * as ts from 'typescript';
import { getFormat, joinedText, joinSnippets, renderSnippet } from '../../../src/insert';
import type { FileInfo } from '../../../src/api/models';
import { HOSTILE, PUBLIC_URL, SIGNED_URL, TRICKY, file } from './fixtures';

const FILES: FileInfo[] = [
  file('IMAGE', 'cat.png', 'vg_file_aaaaaaaaaaaaaaaaaaaaaa'),
  file('IMAGE', HOSTILE, 'vg_file_bbbbbbbbbbbbbbbbbbbbbb'),
  file('IMAGE', TRICKY, 'vg_file_cccccccccccccccccccccc'),
];
const URLS = [SIGNED_URL, PUBLIC_URL, `${PUBLIC_URL}?v=3`];

/** What "Insert as…" puts at one cursor for FILES in `formatId`, at column 0. */
function inserted(formatId: string, languageId: string, files: readonly FileInfo[] = FILES): string {
  const format = getFormat(formatId)!;
  const snippets = files.map((f, i) => renderSnippet(formatId, { file: f, url: URLS[i], urlExpires: true, languageId }));
  return joinedText(joinSnippets(format, languageId, snippets));
}

/** Runs `code` (TypeScript or TSX) through the TypeScript compiler, failing on any syntax error, and evaluates it. */
function evaluateTs(code: string, fileName: string): unknown {
  const out = ts.transpileModule(`module.exports = ${code};`, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.React, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS },
  });
  assert.deepEqual((out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], `TypeScript cannot parse:\n${code}`);
  const React = { Fragment: 'Fragment', createElement: (tag: unknown, props: unknown, ...children: unknown[]) => ({ tag, props, children }) };
  const module = { exports: undefined as unknown };
  vm.runInNewContext(out.outputText, { React, module, exports: {} });
  return JSON.parse(JSON.stringify(module.exports)) as unknown; // plain values of this realm, for deepEqual
}

/**
 * Reads a Python list display holding only str literals (`"…"`/`'…'`, with `\\` escapes), comma-separated,
 * exactly as Python's tokenizer would; fails on two literals side by side (which Python joins into one string).
 */
function pythonStrings(list: string): string[] {
  const token = /\s*(?:("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(,)|(\]))/y;
  assert.equal(list[0], '[');
  token.lastIndex = 1;
  const items: string[] = [];
  let expectItem = true;
  for (;;) {
    const match = token.exec(list);
    assert.ok(match, `not a Python list of strings at ${token.lastIndex}: ${list}`);
    const [, literal, comma, close] = match;
    if (close) break;
    if (comma) {
      assert.ok(!expectItem, 'an item is missing before a comma');
      expectItem = true;
      continue;
    }
    assert.ok(expectItem, `two string literals side by side are concatenated by Python: ${list}`);
    items.push(literal!);
    expectItem = false;
  }
  assert.equal(list.slice(token.lastIndex).trim(), '');
  return items;
}

describe('insert/join: several files at one cursor', () => {
  it('one file is inserted as its snippet, unchanged', () => {
    for (const [formatId, languageId] of [['quoted-id', 'python'], ['json', 'json'], ['jsx-media', 'typescriptreact'], ['markdown-image', 'markdown']]) {
      assert.equal(inserted(formatId, languageId, FILES.slice(0, 1)), renderSnippet(formatId, { file: FILES[0]!, url: URLS[0], urlExpires: true, languageId }));
    }
  });

  it('TypeScript and JavaScript: string literals and objects are items of an array', () => {
    for (const languageId of ['typescript', 'javascript', 'typescriptreact']) {
      assert.deepEqual(evaluateTs(`[\n${inserted('quoted-id', languageId)}\n]`, 'a.ts'), FILES.map((f) => f.fileId), languageId);
      assert.deepEqual(evaluateTs(`[\n${inserted('quoted-url', languageId)}\n]`, 'a.ts'), URLS, languageId);
      const objects = evaluateTs(`[${inserted('json-object', languageId)}]`, 'a.ts') as { fileId: string; displayName: string }[];
      assert.deepEqual(objects.map((o) => [o.fileId, o.displayName]), FILES.map((f) => [f.fileId, f.displayName]), languageId);
    }
  });

  it('JSX: the media elements are the children of one fragment, valid as an expression', () => {
    const text = inserted('jsx-media', 'typescriptreact');
    const fragment = evaluateTs(`(\n${text}\n)`, 'a.tsx') as { tag: unknown; children: { tag: string; props: Record<string, string> }[] };
    assert.equal(fragment.tag, 'Fragment');
    assert.deepEqual(fragment.children.map((c) => [c.tag, c.props.src, c.props.alt]), FILES.map((f, i) => ['img', URLS[i], f.displayName]));
  });

  it('JSON: a JSON array of the values; JSON Lines: one value per line', () => {
    assert.deepEqual(JSON.parse(inserted('json', 'json')), FILES.map((f) => f.fileId));
    assert.deepEqual(JSON.parse(inserted('quoted-url', 'jsonc')), URLS);
    assert.deepEqual((JSON.parse(inserted('json-object', 'json')) as { displayName: string }[]).map((o) => o.displayName), FILES.map((f) => f.displayName));
    assert.deepEqual(inserted('json', 'jsonl').split('\n').map((line) => JSON.parse(line) as unknown), FILES.map((f) => f.fileId));
  });

  it('Python: one str per file inside a list, never implicitly concatenated', () => {
    const items = pythonStrings(`[\n${inserted('quoted-id', 'python')}\n]`);
    assert.deepEqual(items, FILES.map((f) => `"${f.fileId}"`));
    assert.equal(pythonStrings(`[${inserted('quoted-url', 'python')}]`).length, URLS.length);
  });

  it('the reader above rejects what a bare line break used to produce', () => {
    const oldJoin = FILES.map((f) => renderSnippet('quoted-id', { file: f, urlExpires: false, languageId: 'python' })).join('\n');
    assert.throws(() => pythonStrings(`[\n${oldJoin}\n]`), /side by side/);
  });

  it('other code languages: items separated by commas, one per line', () => {
    for (const languageId of ['go', 'rust', 'java', 'csharp', 'ruby', 'php', 'kotlin', 'sql', 'yaml', 'some-new-language']) {
      const lines = inserted('quoted-id', languageId).split('\n');
      assert.equal(lines.length, FILES.length, languageId);
      assert.ok(lines.slice(0, -1).every((line) => line.endsWith(',')) && !lines.at(-1)!.endsWith(','), `${languageId}: ${lines.join(' | ')}`);
    }
  });

  it('shell: items separated by line breaks (commas would become part of the words)', () => {
    assert.equal(inserted('quoted-id', 'shellscript'), FILES.map((f) => `'${f.fileId}'`).join('\n'));
  });

  it('plain text, Markdown and HTML: one snippet per line', () => {
    assert.equal(inserted('id', 'python'), FILES.map((f) => f.fileId).join('\n'));
    for (const [formatId, languageId] of [['markdown-image', 'markdown'], ['markdown-link', 'markdown'], ['html-media', 'html'], ['html-link', 'vue'], ['quoted-id', 'markdown']]) {
      const lines = inserted(formatId, languageId).split('\n');
      assert.deepEqual(lines, FILES.map((f, i) => renderSnippet(formatId, { file: f, url: URLS[i], urlExpires: true, languageId })), `${formatId} in ${languageId}`);
    }
  });

  it('CSS: url() values separated by commas, as in a multiple background-image list', () => {
    assert.equal(inserted('css-url', 'css'), URLS.map((url) => `url("${url}")`).join(',\n'));
  });
});
