import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles } from '@vscode/vsce';

/** The repository root (out/test/unit/package/ → ../../../..). */
const REPO = path.resolve(__dirname, '../../../..');

/** What may run or be shown from an installed extension: the manifest and its strings, the docs, the bundles, the media. */
const RUNTIME_FILE = /^(package\.json|package\.nls\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/.+\.js|media\/.+)$/;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

describe('the VSIX', () => {
  let packaged: string[];

  before(async function () {
    // vsce walks the whole checkout before applying .vscodeignore, .vscode-test/ (two code-server installs) included:
    // seconds on a quiet machine, more than mocha's 20 s default while a build loads both cores.
    this.timeout(180_000);
    assert.ok(fs.existsSync(path.join(REPO, 'dist', 'extension.js')), 'build first: node esbuild.js');
    // What `vsce ls` prints and `vsce package` zips: .vscodeignore applied, npm production dependencies included.
    packaged = (await listFiles({ cwd: REPO })).sort();
  });

  it('ships only runtime files, without source maps', () => {
    const extra = packaged.filter((file) => !RUNTIME_FILE.test(file) || file.endsWith('.map'));
    assert.deepEqual(extra, [], `not runtime files: ${extra.join(', ')}`);
  });

  it('ships everything the extension loads and the Marketplace shows', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { main: string; icon: string };
    const needed = [
      'package.json',
      'package.nls.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      path.posix.normalize(manifest.main),
      'dist/net.js', // undici, required lazily by the main bundle (esbuild.js)
      manifest.icon,
      ...filesUnder('media'),
      ...filesUnder('dist').filter((file) => file.endsWith('.js')),
    ];
    const missing = [...new Set(needed)].filter((file) => !packaged.includes(file));
    assert.deepEqual(missing, [], `missing from the VSIX: ${missing.join(', ')}`);
  });
});
