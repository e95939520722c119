// Reads the JSX snippets back through the TypeScript compiler and esbuild (both decode entities in JSX string
// attributes, as Babel does) and checks the element React would receive: the tag, and each attribute's value exactly.

import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';
import { renderSnippet } from '../../../src/insert';
import { FILE_ID, HOSTILE, PUBLIC_URL, SIGNED_URL, TRICKY, UNICODE, file } from './fixtures';

interface Element {
  tag: string;
  props: Record<string, unknown>;
  children: unknown[];
}

function transpileTs(snippet: string): string {
  const out = ts.transpileModule(`module.exports = (${snippet});`, {
    fileName: 'snippet.tsx',
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.React, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS },
  });
  assert.deepEqual(
    (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    [],
    `TypeScript cannot parse: ${snippet}`,
  );
  return out.outputText;
}

function transpileEsbuild(snippet: string): string {
  return esbuild.transformSync(`module.exports = (${snippet});`, { loader: 'tsx', jsx: 'transform', format: 'cjs' }).code;
}

function evaluate(code: string): Element {
  const React = { createElement: (tag: string, props: Record<string, unknown>, ...children: unknown[]) => ({ tag, props, children }) };
  const module = { exports: undefined as unknown };
  vm.runInNewContext(code, { React, module, exports: {} });
  return module.exports as Element;
}

const NAMES = [
  'cat.png',
  HOSTILE,
  TRICKY,
  UNICODE,
  'Tom &amp; Jerry &#60;3 &lt; &copy;',
  "Tom & Jerry's {brace} }{ ` ${x}",
  '</img><script>alert(1)</script>',
  'rtl\u202egnp.exe \u2028 sep',
];

describe('insert/jsx: snippets read back by TypeScript and esbuild', function () {
  // Loading the TypeScript compiler and starting esbuild's service take a few seconds on a cold machine.
  this.timeout(60_000);
  before(() => {
    transpileTs('<a />');
    transpileEsbuild('<a />');
  });

  for (const [type, tag, nameProp] of [
    ['IMAGE', 'img', 'alt'],
    ['VIDEO', 'video', 'title'],
    ['AUDIO', 'audio', 'title'],
  ] as const) {
    it(`<${tag}>: every name and URL arrives exactly, as text`, () => {
      for (const name of NAMES) {
        for (const url of [SIGNED_URL, PUBLIC_URL, 'https://x.videogen.io/a.png?x=1&amp;y=2&#x3c;&copy;', 'https://x.videogen.io/{a}"b\\c.png']) {
          const snippet = renderSnippet('jsx-media', { file: file(type, name), url, urlExpires: true, languageId: 'typescriptreact' });
          for (const el of [evaluate(transpileTs(snippet)), evaluate(transpileEsbuild(snippet))]) {
            assert.equal(el.tag, tag, snippet);
            assert.deepEqual(el.children, [], snippet);
            assert.equal(el.props[nameProp], name, snippet);
            assert.equal(el.props.src, url, snippet);
            assert.equal(el.props['data-videogen-file-id'], FILE_ID, snippet);
            if (tag !== 'img') assert.equal(el.props.controls, true, snippet);
          }
        }
      }
    });
  }
});
