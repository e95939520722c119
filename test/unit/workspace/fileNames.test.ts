// Local names for library files (src/files/fileNames.ts): hostile display names become names valid on every OS.
import { strict as assert } from 'node:assert';
import { downloadExtension, firstFreeName, MAX_FILE_NAME_BYTES, numberedName, safeFileName } from '../../../src/files/fileNames';
import type { FileSource } from '../../../src/api/models';
import { makeFileInfo } from '../fakes';

const ID = 'vg_file_obLD1OX2eJCrEs0071Z4kA';

function ready(url: string): FileSource {
  return { status: 'ready', url, expiresAt: null, width: null, height: null, fileBytes: null };
}

describe('workspace: file names', () => {
  it('keeps an ordinary name and gives it the real extension', () => {
    assert.equal(safeFileName('Brand logo', 'png', ID), 'Brand logo.png');
    assert.equal(safeFileName('brand-logo.PNG', 'png', ID), 'brand-logo.png');
    assert.equal(safeFileName('clip.mov', 'mp4', ID), 'clip.mp4', 'a media extension that is not the real one is replaced');
    assert.equal(safeFileName('Q3 v1.2 final', 'pdf', ID), 'Q3 v1.2 final.pdf', 'a dot inside a name is not an extension to drop');
  });

  it('turns characters some OS refuses into _, and a hostile name stays inert', () => {
    assert.equal(safeFileName('<img src=x onerror=alert(1)>', 'png', ID), '_img src=x onerror=alert(1)_.png');
    assert.equal(safeFileName('a/b\\c:d*e?f"g|h', 'jpg', ID), 'a_b_c_d_e_f_g_h.jpg');
    assert.equal(safeFileName('../../etc/passwd', 'txt', ID), '_.._etc_passwd.txt');
    assert.equal(safeFileName('line\nbreak\ttab\u0000nul', 'png', ID), 'line_break_tab_nul.png');
    assert.equal(safeFileName('evil\u202Egnp.exe', 'png', ID), 'evil_gnp.exe.png', 'a bidi override cannot disguise the extension');
  });

  it('drops leading dots and trailing dots or spaces, and never leaves an empty name', () => {
    assert.equal(safeFileName('.env', 'txt', ID), 'env.txt');
    assert.equal(safeFileName('name. . ', 'png', ID), 'name.png');
    assert.equal(safeFileName('', 'mp4', ID), `${ID}.mp4`);
    assert.equal(safeFileName('...', 'mp4', ID), `${ID}.mp4`);
    assert.equal(safeFileName('///', 'mp4', ID), '___.mp4');
  });

  it('prefixes names Windows reserves for devices', () => {
    for (const name of ['CON', 'con', 'nul', 'COM1', 'lpt9', 'aux']) assert.equal(safeFileName(name, 'png', ID), `_${name}.png`, name);
    assert.equal(safeFileName('console', 'png', ID), 'console.png');
  });

  it('fits 255 bytes of UTF-8 without cutting a character, keeping the extension', () => {
    const long = safeFileName('é'.repeat(400), 'webm', ID);
    assert.ok(Buffer.byteLength(long, 'utf8') <= MAX_FILE_NAME_BYTES, `${Buffer.byteLength(long)} bytes`);
    assert.match(long, /^é+\.webm$/);
    const emoji = safeFileName('🎬'.repeat(100), 'mp4', ID);
    assert.ok(Buffer.byteLength(emoji, 'utf8') <= MAX_FILE_NAME_BYTES);
    assert.match(emoji, /^(🎬)+\.mp4$/u);
  });

  it('numbers names for Keep Both, and finds the first free one without case', () => {
    assert.equal(numberedName('logo.png', 1), 'logo (1).png');
    assert.equal(numberedName('README', 2), 'README (2)');
    const taken = new Set(['logo.png', 'logo (1).png']);
    assert.equal(firstFreeName('LOGO.png', (n) => taken.has(n.toLowerCase())), 'LOGO (2).png');
    assert.equal(firstFreeName('new.png', (n) => taken.has(n)), 'new.png');
  });

  it('takes the extension from the download name, else the URL path, else the type', () => {
    const base = makeFileInfo({ fileId: ID, type: 'VIDEO' });
    const withUrl = (url: string) => makeFileInfo({ ...base, downloadSource: ready(url) });
    assert.equal(downloadExtension(withUrl('https://stream.media.videogen.io/x/high.mp4?token=1&download=Clip.MOV')), 'mov');
    assert.equal(downloadExtension(withUrl('http://127.0.0.1:1/media/x/download.webm?expires=1&sig=a')), 'webm');
    assert.equal(downloadExtension(withUrl('https://host/x/download?token=1')), 'mp4');
    assert.equal(downloadExtension(makeFileInfo({ type: 'PDF' })), 'pdf');
    assert.equal(downloadExtension(makeFileInfo({ type: null })), '');
  });
});
