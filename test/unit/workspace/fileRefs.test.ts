// File references in text (src/files/fileRefs.ts): what "Open File by ID or URL…" accepts, and ids found in text.
import { strict as assert } from 'node:assert';
import { appMediaUrl, findFileIds, findFileIdsAt, isFileId, parseFileRef } from '../../../src/files/fileRefs';

const ID = 'vg_file_obLD1OX2eJCrEs0071Z4kA';
const OTHER = 'vg_file_0000000000000000000001';

describe('workspace: file references', () => {
  it('accepts a bare id, with quotes and spaces around it', () => {
    for (const text of [ID, `  ${ID}\n`, `"${ID}"`, `'${ID}'`, `\`${ID}\``, `“${ID}”`, `<${ID}>`]) {
      assert.deepEqual(parseFileRef(text), { ok: true, fileId: ID, form: 'id' }, JSON.stringify(text));
    }
  });

  it('refuses ids of the wrong length or alphabet, saying it looks like a malformed id', () => {
    for (const text of ['vg_file_short', `${ID}x`, 'vg_file_obLD1OX2eJCrEs0071Z4k-', 'vg_file_obLD1OX2eJCrEs0071Z4k_']) {
      assert.deepEqual(parseFileRef(text), { ok: false, reason: 'malformedId' }, text);
    }
    assert.equal(isFileId(ID), true);
    assert.equal(isFileId(` ${ID}`), false);
  });

  it('reads the app media link, and refuses one whose id is malformed', () => {
    assert.deepEqual(parseFileRef(appMediaUrl(ID)), { ok: true, fileId: ID, form: 'appLink' });
    assert.deepEqual(parseFileRef(`https://app.videogen.io/media?foo=1&storageFileId=${ID}#x`), { ok: true, fileId: ID, form: 'appLink' });
    assert.deepEqual(parseFileRef('https://app.videogen.io/media?storageFileId=vg_file_nope'), { ok: false, reason: 'malformedId' });
    assert.equal(appMediaUrl(ID), `https://app.videogen.io/media?storageFileId=${ID}`);
  });

  it('reads public preview URLs (VideoGen and the local server) and signed rendition URLs by the id in their path', () => {
    const urls = [
      `https://public-previews.videogen.io/${ID}.mp4`,
      `http://127.0.0.1:8787/public/${ID}/download.png`,
      `http://127.0.0.1:8787/media/${ID}/download.mp4?expires=1&sig=abc&download=a.mp4`,
      `https://image.media.videogen.io/${ID}/thumb.jpg?token=x`,
    ];
    for (const url of urls) assert.deepEqual(parseFileRef(url), { ok: true, fileId: ID, form: 'libraryUrl' }, url);
  });

  it('says a URL names no file when it carries none (a public HLS stream has a playback id), and text is not a reference', () => {
    assert.deepEqual(parseFileRef('http://127.0.0.1:8787/public-hls/vg_play_abc.m3u8'), { ok: false, reason: 'noFileInUrl' });
    assert.deepEqual(parseFileRef('https://example.com/'), { ok: false, reason: 'noFileInUrl' });
    assert.deepEqual(parseFileRef('javascript:alert(1)'), { ok: false, reason: 'notAReference' });
    assert.deepEqual(parseFileRef('hello world'), { ok: false, reason: 'notAReference' });
    assert.deepEqual(parseFileRef('  "" '), { ok: false, reason: 'empty' });
  });

  it('finds every distinct id in text, in order, but not inside longer words', () => {
    const text = `![a](${ID}) "${OTHER}" ${ID} x${ID} ${ID}1 <img src="https://app.videogen.io/media?storageFileId=${OTHER}">`;
    assert.deepEqual(findFileIds(text), [ID, OTHER]);
    assert.deepEqual(findFileIds('nothing here vg_file_short'), []);
  });

  it('finds each occurrence with its offsets, inside strings, comments and URLs, but not inside longer words', () => {
    const text = `const a = "${ID}"; // ${OTHER}\nhttps://app.videogen.io/media?storageFileId=${ID} x${ID} ${ID}9`;
    const found = findFileIdsAt(text);
    assert.deepEqual(found.map((f) => f.fileId), [ID, OTHER, ID]);
    for (const at of found) assert.equal(text.slice(at.start, at.end), at.fileId);
    assert.equal(found[0]!.start, text.indexOf(ID));
  });
});
