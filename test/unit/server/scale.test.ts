import { strict as assert } from 'node:assert';
import { startServer, type LocalVideoGenServer, type WireFileInfo } from '../../server/server';
import { api, listAll, writeTempLibrary, type FilePage } from './helpers';

const entry = (displayName: string, scope: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  displayName, type: 'IMAGE', scope, description: `${displayName} description`, transcript: null, media: 'ai-robot', sourceToolType: null, ...extra,
});

describe('local VideoGen server: scale and pagination', function () {
  this.timeout(120_000); // thousands of requests; CI machines may be loaded
  // Seven entries cycled to 10,000 files: index % 7 gives each file's entry.
  const entries = [
    entry('Global', 'GLOBAL'), entry('Project', 'PROJECT'), entry('Export', 'EXPORT'), entry('Temporary', 'TEMPORARY'),
    entry('Entity', 'ENTITY'), entry('Archived', 'GLOBAL', { archived: true }), entry('Teammate', 'GLOBAL', { createdBy: 'teammate' }),
  ];
  const total = 10_000;
  const countOf = (names: string[]): number => Array.from({ length: total }, (_, i) => i % 7).filter((i) => names.includes(entries[i].displayName as string)).length;
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer({ libraryFile: writeTempLibrary(entries), files: total });
  });
  after(async () => {
    await server.close();
  });

  function assertUnique(files: WireFileInfo[]): void {
    assert.equal(new Set(files.map((file) => file.fileId)).size, files.length, 'a file was listed twice');
    assert.equal(new Set(files.map((file) => file.displayName)).size, files.length, 'display names of copies are unique');
  }

  it('lists all 10,000 files to the end with no loss or duplicate (limit 200)', async () => {
    const { files, pages } = await listAll(server, '&includeProjectFiles=true&includeExportFiles=true', 200);
    assertUnique(files);
    assert.equal(files.length, total - countOf(['Archived']));
    assert.equal(pages, Math.ceil(files.length / 200));
  });

  it('pages through ties in updatedAt without loss or duplicate (odd limit 37, default filters)', async () => {
    const { files } = await listAll(server, '', 37); // copies share updatedAt in pairs: odd pages split the pairs
    assertUnique(files);
    assert.equal(files.length, countOf(['Global', 'Temporary', 'Entity', 'Teammate']));
    assert.ok(files.every((file) => ['GLOBAL', 'TEMPORARY', 'ENTITY'].includes(file.scope)));
  });

  it('honours selfOnly across pages', async () => {
    const { files } = await listAll(server, '&selfOnly=true', 200);
    assert.equal(files.length, countOf(['Global', 'Temporary', 'Entity']));
  });

  it('keeps every unchanged file when files are archived or added during the listing', async () => {
    const seen: WireFileInfo[] = [];
    let cursor: string | null = null;
    let changed = false;
    do {
      const page: { body: FilePage } = await api<FilePage>(server, 'GET', `/v1/files?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body.files);
      cursor = page.body.nextCursor;
      if (!changed) {
        changed = true;
        await api(server, 'POST', `/v1/files/${seen[0].fileId}/archive`); // an already-listed file moves
        await api(server, 'POST', '/v1/files/upload', { body: { displayName: 'new during listing' } }); // lands before the cursor
      }
    } while (cursor !== null);
    assertUnique(seen);
    assert.equal(seen.length, countOf(['Global', 'Temporary', 'Entity', 'Teammate']));
  });

  it('starts with 100,000 files in a few seconds and serves deep pages', async () => {
    const started = Date.now();
    const big = await startServer({ files: 100_000 });
    const startupMs = Date.now() - started;
    try {
      console.log(`      startup with 100,000 files: ${startupMs} ms`);
      assert.equal(big.fileCount, 100_000);
      let cursor: string | null = null;
      for (let page = 0; page < 3; page++) {
        const response: { status: number; body: FilePage } = await api<FilePage>(big, 'GET', `/v1/files?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(response.status, 200);
        assert.equal(response.body.files.length, 200);
        cursor = response.body.nextCursor;
      }
      const searchStarted = Date.now();
      const search = await api<{ results: unknown[] }>(big, 'POST', '/v1/files/search', { body: { query: 'mountain sunrise', numResults: 5 } });
      console.log(`      first search over 100,000 files (builds the index): ${Date.now() - searchStarted} ms`);
      assert.equal(search.body.results.length, 5);
      assert.ok(startupMs < 30_000, `startup took ${startupMs} ms`); // loose: CI machines may be loaded
    } finally {
      await big.close();
    }
  });
});
