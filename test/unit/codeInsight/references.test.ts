// Where references sit in text (src/codeInsight/references.ts), the file of a public URL (src/files/fileRefs.ts), and
// the lookup answering a file the store let go of without a request (src/files/lookup.ts).
import { strict as assert } from 'node:assert';
import { findUrlsAt, linkableIds, referenceAt } from '../../../src/codeInsight/references';
import { fileWithPublicUrl } from '../../../src/files/fileRefs';
import { FileLookup } from '../../../src/files/lookup';
import { FileStore } from '../../../src/files/store';
import { makeFileInfo } from '../fakes';

const A = 'vg_file_AAAAAAAAAAAAAAAAAAAAAA';
const B = 'vg_file_BBBBBBBBBBBBBBBBBBBBBB';

describe('code insight: references in text', () => {
  it('finds the id under an offset in strings, comments and prose, from its first to its last character', () => {
    const line = `const hero = "${A}"; // see ${B}`;
    const start = line.indexOf(A);
    assert.deepEqual(referenceAt(line, start), { kind: 'id', fileId: A, start, end: start + A.length });
    assert.equal(referenceAt(line, start + A.length)?.kind, 'id', 'the position just after the id still hovers it');
    assert.equal(referenceAt(line, line.indexOf(B) + 3)?.kind === 'id' && referenceAt(line, line.indexOf(B) + 3)?.start, line.indexOf(B));
    assert.equal(referenceAt(line, 2), undefined);
    assert.equal(referenceAt(`x${A}`, 3), undefined, 'an id glued to a word is not an id');
  });

  it('reads a URL that names a file as one reference: app link, public preview copy, signed rendition', () => {
    for (const url of [
      `https://app.videogen.io/media?storageFileId=${A}`,
      `https://cdn.example.com/public/${A}/download.mp4`,
      `https://cdn.example.com/media/${A}/preview.mp4?expires=1&sig=abc`,
    ]) {
      const line = `![clip](${url}).`;
      const ref = referenceAt(line, line.indexOf(url) + 10);
      assert.deepEqual(ref, { kind: 'url', url, fileId: A, start: line.indexOf(url), end: line.indexOf(url) + url.length }, url);
    }
  });

  it('offers a public HLS URL, which carries a playback id, for matching against known files', () => {
    const url = 'https://stream.example.com/public-hls/vg_play_abc123.m3u8';
    assert.deepEqual(referenceAt(`src: ${url}`, 12), { kind: 'url', url, fileId: undefined, start: 5, end: 5 + url.length });
    assert.equal(referenceAt('https://example.com/page.html', 8), undefined, 'a URL naming no file is no reference');
  });

  it('leaves sentence punctuation out of a URL', () => {
    assert.deepEqual(findUrlsAt('See https://x.io/a.mp4. Then'), [{ url: 'https://x.io/a.mp4', start: 4, end: 22 }]);
  });

  it('links ids outside URLs only (VS Code already links the URL)', () => {
    const text = `${A}\nhttps://app.videogen.io/media?storageFileId=${B}\n"${B}"`;
    assert.deepEqual(
      linkableIds(text).map((id) => [id.fileId, id.start]),
      [
        [A, 0],
        [B, text.lastIndexOf(B)],
      ],
    );
  });

  it('finds the file of a public HLS URL among known files, by URL or playback id', () => {
    const video = makeFileInfo({ fileId: A, type: 'VIDEO', publicPlaybackId: 'vg_play_xyz', publicHlsUrl: 'https://s.example.com/public-hls/vg_play_xyz.m3u8' });
    const other = makeFileInfo({ fileId: B });
    assert.equal(fileWithPublicUrl([other, video], 'https://s.example.com/public-hls/vg_play_xyz.m3u8?token=1')?.fileId, A);
    assert.equal(fileWithPublicUrl([other, video], 'https://mirror.example.com/vg_play_xyz/720.m3u8')?.fileId, A);
    assert.equal(fileWithPublicUrl([other], 'https://s.example.com/public-hls/vg_play_xyz.m3u8'), undefined);
  });
});

describe('code insight: the lookup follows the store', () => {
  it('answers "missing" without a request once the store lets a file go, and "archived" for an archive', async () => {
    const store = new FileStore();
    let requests = 0;
    const lookup = new FileLookup({
      store,
      getFile: async (fileId) => {
        requests++;
        return makeFileInfo({ fileId });
      },
      isNotFound: () => false,
    });
    store.put([makeFileInfo({ fileId: A }), makeFileInfo({ fileId: B })]);
    assert.equal(lookup.peek(A)?.kind, 'found');
    store.remove(A);
    store.remove(B, { reason: 'archived' });
    assert.equal(lookup.peek(A)?.kind, 'missing');
    assert.equal(lookup.peek(B)?.kind, 'archived');
    assert.equal((await lookup.check([A, B])).get(A)?.kind, 'missing');
    assert.equal(requests, 0);
    store.put(makeFileInfo({ fileId: A }), { joinedLibrary: true });
    assert.equal(lookup.peek(A)?.kind, 'found', 'a file that joined again is found');
  });

  it('never holds a hover back behind checks waiting for the minute budget, and answers a check that was sent although its signal aborted', async () => {
    const store = new FileStore();
    const asked: string[] = [];
    const lookup = new FileLookup(
      {
        store,
        getFile: async (fileId) => {
          asked.push(fileId);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return makeFileInfo({ fileId });
        },
        isNotFound: () => false,
      },
      { checksPerMinute: 1, concurrency: 2 },
    );
    const controller = new AbortController();
    const ids = Array.from({ length: 6 }, (_, i) => `vg_file_${String(i).padStart(22, 'C')}`);
    const checks = ids.map((id) => lookup.check([id], { signal: controller.signal }).catch((error: unknown) => error));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const hovered = await lookup.resolve(A);
    assert.equal(hovered.kind, 'found');
    assert.deepEqual(asked, [ids[0], A], 'one check (the budget), then the hover at once');
    controller.abort();
    const settled = await Promise.all(checks);
    assert.equal((settled[0] as Map<string, unknown>).get(ids[0]!) !== undefined, true, 'the check already sent is answered');
    assert.equal(lookup.peek(ids[0]!)?.kind, 'found');
    assert.equal(asked.length, 2, 'nothing more is sent after the abort');
  });
});
