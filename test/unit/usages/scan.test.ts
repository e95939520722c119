// Find Usages' text scan (src/usages/scan.ts): where an id occurs, which files are skipped, and the exclude glob.
import { strict as assert } from 'node:assert';
import { appMediaUrl } from '../../../src/files/fileRefs';
import { excludeGlob, isBinaryByName, looksBinary, usagesInText } from '../../../src/usages/scan';

const ID = 'vg_file_obLD1OX2eJCrEs0071Z4kA';
const OTHER = 'vg_file_0000000000000000000001';

describe('usages: scanning text for an id', () => {
  it('finds every occurrence with its zero-based line and UTF-16 column', () => {
    const text = `const a = '${ID}';\r\n// ${OTHER}\n\n  héros 😀 ${ID} and ${ID}`;
    assert.deepEqual(usagesInText(text, ID), [
      { line: 0, character: 11, length: ID.length },
      { line: 3, character: 11, length: ID.length },
      { line: 3, character: 11 + ID.length + 5, length: ID.length },
    ]);
    assert.deepEqual(usagesInText(text, OTHER), [{ line: 1, character: 3, length: OTHER.length }]);
  });

  it('finds the id inside its app link and library URLs, which contain it', () => {
    const text = [appMediaUrl(ID), `https://cdn.videogen.io/public/${ID}/download.mp4`, `https://cdn.example/${ID}.png?sig=x`].join('\n');
    assert.deepEqual(usagesInText(text, ID).map((at) => at.line), [0, 1, 2]);
  });

  it('does not take an id inside a longer word for a usage', () => {
    const text = `x${ID} ${ID}9 ${ID}_old my_${ID} ${ID.slice(0, -1)}`;
    assert.deepEqual(usagesInText(text, ID), []);
  });

  it('answers nothing for text without the id, and for an empty text', () => {
    assert.deepEqual(usagesInText('nothing here', ID), []);
    assert.deepEqual(usagesInText('', ID), []);
  });

  it('skips media, archives and binaries by name, not source or data text', () => {
    for (const name of ['/a/b/photo.PNG', '/a/clip.mp4', '/a/pkg.zip', '/a/font.woff2', '/a/lib.wasm']) assert.equal(isBinaryByName(name), true, name);
    for (const name of ['/a/b/app.ts', '/a/README.md', '/a/data.json', '/a/.env', '/a/Makefile', '/a/x.min.js']) assert.equal(isBinaryByName(name), false, name);
  });

  it('takes a NUL byte in the first 8 KB for binary content', () => {
    assert.equal(looksBinary(new TextEncoder().encode('plain text')), false);
    assert.equal(looksBinary(new Uint8Array([0x89, 0x50, 0x00, 0x47])), true);
    const late = new Uint8Array(10_000).fill(0x41);
    late[9000] = 0;
    assert.equal(looksBinary(late), false, 'only the start is looked at, as git does');
  });

  it('joins the patterns files.exclude and search.exclude turn on into one glob, braces expanded', () => {
    const files = { '**/.git': true, '**/.DS_Store': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } };
    const search = { '**/node_modules': true, '**/*.code-search': true, '**/.git': true, '**/*.{log,tmp}': true };
    assert.equal(excludeGlob(files, search), '{**/.git,**/.DS_Store,**/node_modules,**/*.code-search,**/*.log,**/*.tmp}');
    assert.equal(excludeGlob({ '**/node_modules': true }, undefined), '**/node_modules');
    assert.equal(excludeGlob(undefined, { '**/x': false }), undefined);
  });
});
