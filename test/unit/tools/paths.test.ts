// The upload tool's path check (src/tools/paths.ts): inside a workspace folder, or refused before the disk is touched.
import { strict as assert } from 'node:assert';
import { resolveWorkspacePath, staysInside } from '../../../src/tools/paths';

const ONE = [{ name: 'site', path: '/home/me/site' }];
const TWO = [
  { name: 'site', path: '/home/me/site' },
  { name: 'media', path: '/data/media/' },
];

describe('tools: workspace paths for uploads', () => {
  it('resolves a relative path against the folder, normalised', () => {
    assert.deepEqual(resolveWorkspacePath('assets/hero.png', ONE), { ok: true, folderIndex: 0, relative: 'assets/hero.png' });
    assert.deepEqual(resolveWorkspacePath('./assets/../img/a.png', ONE), { ok: true, folderIndex: 0, relative: 'img/a.png' });
    assert.deepEqual(resolveWorkspacePath('assets\\hero.png', ONE), { ok: true, folderIndex: 0, relative: 'assets/hero.png' });
  });

  it('accepts an absolute path inside a folder', () => {
    assert.deepEqual(resolveWorkspacePath('/home/me/site/a/b.mp4', ONE), { ok: true, folderIndex: 0, relative: 'a/b.mp4' });
    assert.deepEqual(resolveWorkspacePath('/data/media/x.wav', TWO), { ok: true, folderIndex: 1, relative: 'x.wav' });
  });

  it('in a multi-root workspace, takes a leading folder name as VS Code writes relative paths', () => {
    assert.deepEqual(resolveWorkspacePath('media/clips/x.mp4', TWO), { ok: true, folderIndex: 1, relative: 'clips/x.mp4' });
    assert.deepEqual(resolveWorkspacePath('clips/x.mp4', TWO), { ok: true, folderIndex: 0, relative: 'clips/x.mp4' });
  });

  it('refuses paths that leave the folders', () => {
    for (const given of ['../secret.png', 'assets/../../secret.png', '/etc/passwd', '/home/me/site-other/a.png', '/home/me/site', '..']) {
      assert.deepEqual(resolveWorkspacePath(given, ONE), { ok: false, reason: 'outside' }, given);
    }
    assert.deepEqual(resolveWorkspacePath('media/../../etc/x.png', TWO), { ok: false, reason: 'outside' });
  });

  it('says when nothing was given or no folder is open', () => {
    for (const given of ['', '  ', '.', '/']) assert.deepEqual(resolveWorkspacePath(given, ONE), { ok: false, reason: 'empty' }, JSON.stringify(given));
    assert.deepEqual(resolveWorkspacePath('a.png', []), { ok: false, reason: 'noFolder' });
  });

  it('reads Windows drive paths as URI paths', () => {
    const windows = [{ name: 'w', path: '/c:/work/site' }];
    assert.deepEqual(resolveWorkspacePath('C:\\work\\site\\a.png', windows), { ok: true, folderIndex: 0, relative: 'a.png' });
    assert.deepEqual(resolveWorkspacePath('D:\\work\\site\\a.png', windows), { ok: false, reason: 'outside' });
  });

  it('checks real paths (symbolic links followed) against the folder', () => {
    assert.equal(staysInside('/home/me/site', '/home/me/site/a/b.png'), true);
    assert.equal(staysInside('/home/me/site', '/home/me/elsewhere/b.png'), false);
    assert.equal(staysInside('/home/me/site', '/home/me/site'), false);
  });
});
