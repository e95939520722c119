// The user's experience in a real workbench (code-server + headless Chromium through test/harness/vscode.mjs), on
// a 100,000-file library served by the local server in this process (its request log counts what the extension
// asked for). Every figure is a ratio or a count against a baseline measured in the same run:
//  - first paint: click on the VideoGen entry → first file row on screen, vs a click expanding a 50-entry folder in
//    the Explorer of the same workbench (median of COLD_STARTS cold starts), both once the extension host is up;
//  - requests before that first row (every cold start);
//  - Load more of 200 rows at 4,800 loaded vs at 200 loaded (median of 3 loads at each end);
//  - the extension host's JS heap per loaded file after a GC, 200 → 5,000 loaded (read over the inspector: the
//    workbench payload's `inspect-extensions` starts the extension host with --inspect);
//  - thumbnail GETs, hydrates and list GETs while loading 5,000 files, against the rows the tree rendered.
// VS Code's own share of the first paint and of the heap is measured too, on a tree that costs nothing to compute
// (baselineTree/, installed beside the extension): its view container opened the same way, its rows grown the same
// way by Load more. The Files view is held to its targets against that floor as well as against the Explorer.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { request, WebSocket } from 'undici';
import type { LocalVideoGenServer, RequestLogEntry } from '../server/server';
import { median, type BenchRow } from './report';

const VERSIONS = ['4.100.3', '4.139.1'];
const COLD_STARTS = 3;
const LIBRARY_SIZE = 100_000;
const PAGE_SIZE = 200;
const LOADED_AT_END = 5_000;
const EXPLORER_FOLDER = 'fifty';
const EXPLORER_ENTRIES = 50;
const TARGETS = { firstPaint: 1.5, loadMore: 1.2, heapBytesPerFile: 2.5 * 1024, hydrateShare: 0.1 };
const HYDRATE_BUDGET_PER_HOUR = 2_500;
const LIST_BUDGET_PER_HOUR = 50_000;
const REPO = path.resolve(__dirname, '..', '..', '..');
const BASELINE_TREE = path.join(REPO, 'test', 'bench', 'baselineTree');

interface HarnessWorkbench {
  page: Page;
  dirs: { userData: string };
  server: LocalVideoGenServer;
  waitForWorkbench(timeout?: number): Promise<unknown>;
  close(): Promise<void>;
}
interface Harness {
  startWorkbench(o: Record<string, unknown>): Promise<HarnessWorkbench>;
  freePort(): Promise<number>;
}

// tsc compiles import() to require() in CommonJS output, which cannot load an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const benchStart = Date.now();
const trace = (message: string): void => {
  if (process.env.VG_BENCH_VERBOSE) console.log(`  [${((Date.now() - benchStart) / 1000).toFixed(1)} s] ${message}`);
};

const isList = (r: RequestLogEntry): boolean => r.method === 'GET' && r.path === '/v1/files';
const isThumbnail = (r: RequestLogEntry): boolean => r.method === 'GET' && /^\/media\/[^/]+\/thumbnail\./.test(r.path);
const isHydrate = (r: RequestLogEntry): boolean => r.method === 'POST' && r.path.endsWith('/hydrate');
/** GET /v1/files/{id}: the poll of files still processing (the list's hourly budget too). */
const isFileGet = (r: RequestLogEntry): boolean => r.method === 'GET' && /^\/v1\/files\/[^/]+$/.test(r.path);

/** Rows of the tree of the visible side-bar pane (the Explorer or the VideoGen view, whichever shows). */
const VISIBLE_ROWS = `[...document.querySelectorAll('.part.sidebar .pane-body .monaco-list-row')].filter((row) => row.offsetParent !== null)`;

/** The extension host's inspector: a GC, then the used JS heap. */
class ExtensionHostInspector {
  private nextId = 1;
  private constructor(private readonly socket: WebSocket) {}

  static async connect(port: number): Promise<ExtensionHostInspector> {
    for (const end = Date.now() + 60_000; ; await sleep(250)) {
      for (let candidate = port; candidate < port + 10; candidate++) {
        const targets = await request(`http://127.0.0.1:${candidate}/json/list`).then((r) => r.body.json() as Promise<Array<{ webSocketDebuggerUrl: string }>>, () => undefined);
        const url = targets?.[0]?.webSocketDebuggerUrl;
        if (!url) continue;
        const socket = new WebSocket(url);
        await new Promise((resolve, reject) => {
          socket.addEventListener('open', resolve, { once: true });
          socket.addEventListener('error', reject, { once: true });
        });
        return new ExtensionHostInspector(socket);
      }
      if (Date.now() > end) throw new Error(`no extension host inspector near port ${port}`);
    }
  }

  private send<T>(method: string): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onMessage = (event: { data: unknown }): void => {
        const message = JSON.parse(String(event.data)) as { id?: number; result: T };
        if (message.id !== id) return;
        this.socket.removeEventListener('message', onMessage);
        resolve(message.result);
      };
      this.socket.addEventListener('message', onMessage);
      this.socket.send(JSON.stringify({ id, method }));
    });
  }

  /** Streams a heap snapshot of the extension host to `file` (for finding what a loaded file costs). */
  async saveHeapSnapshot(file: string): Promise<void> {
    const chunks: string[] = [];
    const onChunk = (event: { data: unknown }): void => {
      const message = JSON.parse(String(event.data)) as { method?: string; params?: { chunk: string } };
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk' && message.params) chunks.push(message.params.chunk);
    };
    this.socket.addEventListener('message', onChunk);
    try {
      await this.send('HeapProfiler.takeHeapSnapshot');
    } finally {
      this.socket.removeEventListener('message', onChunk);
    }
    writeFileSync(file, chunks.join(''));
  }

  async heapAfterGc(): Promise<number> {
    for (let i = 0; i < 3; i++) await this.send('HeapProfiler.collectGarbage');
    return (await this.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
  }

  close(): void {
    this.socket.close();
  }
}

interface ColdStart {
  explorerMs: number;
  firstRowMs: number;
  requestsBeforeFirstRow: RequestLogEntry[];
}

interface Loading {
  loadMoreEarlyMs: number;
  loadMoreLateMs: number;
  heapPerFile: number;
  /** The same growth (200 → 5,000 rows by Load more) of the baseline tree: what VS Code itself keeps per row. */
  floorHeapPerRow: number;
  wireBytesPerFile: number;
  thumbnails: number;
  hydrates: number;
  lists: number;
  fileGets: number;
  rowsRendered: number;
}

/** A workspace with one folder of 50 files, for the Explorer baseline. */
function makeWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-bench-ws-'));
  mkdirSync(path.join(dir, EXPLORER_FOLDER));
  for (let i = 1; i <= EXPLORER_ENTRIES; i++) writeFileSync(path.join(dir, EXPLORER_FOLDER, `entry-${String(i).padStart(2, '0')}.txt`), `${i}\n`);
  return dir;
}

/**
 * The local server answers its first list of a 100,000-file library in about 100 ms, and later ones in 30 (its code
 * not yet compiled): a real API is not cold, so the bench asks for two pages itself before any click. Its requests
 * carry `selfOnly=false`, which the extension never sends (it sends flags only when true), and are not counted.
 */
async function warmUp(server: LocalVideoGenServer): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const res = await request(`${server.baseUrl}/v1/files?limit=${PAGE_SIZE}&selfOnly=false`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    await res.body.text();
  }
}

const isWarmUp = (r: RequestLogEntry): boolean => r.query.selfOnly === 'false';

/** Milliseconds from a mouse click at the centre of `target` until `condition` holds in the page (checked every frame). */
async function clickUntil(page: Page, target: Locator, condition: string, timeout = 120_000): Promise<number> {
  await target.waitFor({ state: 'visible', timeout });
  const box = await target.boundingBox();
  if (!box) throw new Error(`${String(target)} has no box`);
  const start = Date.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(condition, undefined, { polling: 'raf', timeout });
  return Date.now() - start;
}

/** Waits until the server has seen no request for `quietMs` (thumbnails and hydrates trail the rows). */
async function untilQuiet(server: LocalVideoGenServer, quietMs = 1_500, timeout = 20_000): Promise<void> {
  for (const end = Date.now() + timeout; Date.now() < end; await sleep(250)) {
    const last = server.requests.filter((r) => !isFileGet(r)).at(-1)?.at ?? 0;
    if (Date.now() - last > quietMs) return;
  }
}

/** The rows of the VideoGen tree (aria-setsize of its rendered rows: sections, files and Load more). */
const rootSize = (page: Page): Promise<number> => page.evaluate(`Math.max(0, ...${VISIBLE_ROWS}.map((row) => Number(row.getAttribute('aria-setsize')) || 0))`);

async function whollyInside(row: Locator, container: Locator): Promise<boolean> {
  if (!(await row.isVisible())) return false;
  const [inner, outer] = await Promise.all([row.boundingBox(), container.boundingBox()]);
  return inner !== null && outer !== null && inner.y >= outer.y && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

/**
 * Load more, as a keyboard user does: the first time the row is scrolled to and clicked (which focuses the tree), then
 * End + Enter (End jumps to the last row, so only the rows at the end are rendered, as when a user goes there).
 * Resolves with the ms from the gesture until the tree has the new rows.
 */
async function loadMore(page: Page, first: boolean): Promise<number> {
  const before = await rootSize(page);
  const grown = `Math.max(0, ...${VISIBLE_ROWS}.map((row) => Number(row.getAttribute('aria-setsize')) || 0)) >= ${before + PAGE_SIZE}`;
  const loadMoreRow = sidebarRow(page, /^Load more/);
  const tree = page.locator('.part.sidebar .pane-body .monaco-list').first();
  if (first) {
    const box = await tree.boundingBox();
    if (!box) throw new Error('the tree has no box');
    // Wheel to the end until the row is wholly inside the list (a click on a row cut off by the edge lands elsewhere).
    for (const end = Date.now() + 60_000; !(await whollyInside(loadMoreRow, tree)); ) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 1_000_000);
      await sleep(100);
      if (Date.now() > end) throw new Error('Load more never showed');
    }
    return clickUntil(page, loadMoreRow, grown);
  }
  await page.keyboard.press('End');
  await loadMoreRow.waitFor({ state: 'visible', timeout: 60_000 });
  const start = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForFunction(grown, undefined, { polling: 'raf', timeout: 120_000 });
  return Date.now() - start;
}

async function startBenchWorkbench(harness: Harness, version: string, workspace: string, inspectPort: number): Promise<HarnessWorkbench> {
  process.env.VG_CODE_SERVER_ROOT ??= path.join(REPO, '.vscode-test');
  const wb = await harness.startWorkbench({
    version,
    extensionDevelopmentPath: REPO,
    server: { files: LIBRARY_SIZE },
    workspaceFolder: workspace,
    env: { VIDEOGEN_API_KEY: 'sk_videogen_local_dev' },
    userSettings: {
      'videogen.list.autoRefreshInterval': 0,
      'videogen.list.pageSize': PAGE_SIZE,
      'videogen.list.groupBy': 'none',
      'workbench.reduceMotion': 'on',
    },
    payload: [['inspect-extensions', String(inspectPort)]],
    installedExtensions: [BASELINE_TREE],
    label: 'bench',
    onLog: () => undefined,
    log: () => undefined,
  });
  await wb.waitForWorkbench(180_000);
  await untilExtensionsActivated(wb.dirs.userData);
  return wb;
}

/**
 * The workbench settles before its extension host has started its eager extensions (git and the like): a click then
 * measures VS Code's start, not the view. Both clicks wait for the extension host's "Eager extensions activated".
 */
async function untilExtensionsActivated(userData: string): Promise<void> {
  const logs = path.join(userData, 'logs');
  const activated = (): boolean => {
    const files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('remoteexthost.log'));
    return files.some((f) => readFileSync(path.join(logs, f), 'utf8').includes('Eager extensions activated'));
  };
  for (const end = Date.now() + 180_000; !activated(); await sleep(200)) {
    if (Date.now() > end) throw new Error('the extension host never activated its eager extensions');
  }
}

const VIDEOGEN_ENTRY = `.part.activitybar .action-item a.action-label[aria-label^="VideoGen"]`;
const BASELINE_ENTRY = `.part.activitybar .action-item a.action-label[aria-label^="Bench Baseline"]`;
/** The visible side-bar row whose label matches. */
const sidebarRow = (page: Page, label: RegExp): Locator =>
  page.locator('.part.sidebar .pane-body .monaco-list-row').filter({ visible: true }).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
const explorerChild = `${VISIBLE_ROWS}.some((row) => (row.querySelector('.label-name')?.textContent || '').trim() === 'entry-01.txt')`;
const firstBaselineRow = `${VISIBLE_ROWS}.some((row) => (row.querySelector('.label-name')?.textContent || '').trim() === 'Baseline file 1')`;
const firstFileRow = `${VISIBLE_ROWS}.some((row) => row.getAttribute('aria-posinset') === '1' && !/^(Load more|Loading)/.test((row.querySelector('.label-name')?.textContent || '').trim()) && (row.querySelector('.label-name')?.textContent || '').trim() !== '')`;

/**
 * One cold start: the Explorer, then the VideoGen view. The first view container of an extension a window opens costs
 * it several hundred ms more than the next one (1.139), so the floor has cold starts of its own (floorColdStart).
 */
async function coldStart(harness: Harness, version: string, workspace: string, withLoading: boolean): Promise<{ cold: ColdStart; loading?: Loading }> {
  const inspectPort = await harness.freePort();
  const wb = await startBenchWorkbench(harness, version, workspace, inspectPort);
  trace('workbench started');
  const { page, server } = wb;
  try {
    await warmUp(server);
    const explorerMs = await clickUntil(page, sidebarRow(page, new RegExp(`^${EXPLORER_FOLDER}$`)), explorerChild);
    const firstRowMs = await clickUntil(page, page.locator(VIDEOGEN_ENTRY).first(), firstFileRow);
    const shownAt = Date.now();
    trace(`VideoGen clicked at ${new Date(shownAt - firstRowMs).toISOString()}, first row at ${new Date(shownAt).toISOString()}`); // a request in the last poll's latency counts as before the row: the stricter side
    const requestsBeforeFirstRow = server.requests.filter((r) => r.at <= shownAt && !isWarmUp(r));
    const cold = { explorerMs, firstRowMs, requestsBeforeFirstRow };
    if (!withLoading) return { cold };
    return { cold, loading: await loadToTheEnd(page, server, inspectPort) };
  } catch (error) {
    const shot = path.join(REPO, 'test-results', version, 'bench-failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.log(`workbench ${version}: failed; the workbench as it was: ${shot}`);
    throw error;
  } finally {
    await wb.close();
  }
}

/** A cold start like coldStart's, for VS Code's floor: the Explorer, then the baseline tree's view container. */
async function floorColdStart(harness: Harness, version: string, workspace: string): Promise<number> {
  const wb = await startBenchWorkbench(harness, version, workspace, await harness.freePort());
  try {
    await clickUntil(wb.page, sidebarRow(wb.page, new RegExp(`^${EXPLORER_FOLDER}$`)), explorerChild);
    return await clickUntil(wb.page, wb.page.locator(BASELINE_ENTRY).first(), firstBaselineRow);
  } finally {
    await wb.close();
  }
}

/** Loads 200 → 5,000 files through Load more, timing each load, and reads the heap at both ends; then the floor's. */
async function loadToTheEnd(page: Page, server: LocalVideoGenServer, inspectPort: number): Promise<Loading> {
  await showContainer(page, VIDEOGEN_ENTRY);
  await sidebarRow(page, /./).waitFor({ state: 'visible', timeout: 60_000 });
  await page.evaluate(`(() => {
    const seen = (window.__vgRowsSeen = new Set());
    const sample = () => { for (const row of ${VISIBLE_ROWS}) seen.add(row.getAttribute('aria-posinset')); requestAnimationFrame(sample); };
    sample();
  })()`);
  const inspector = await ExtensionHostInspector.connect(inspectPort);
  trace('inspector connected');
  try {
    await untilQuiet(server);
    const heapAtStart = await inspector.heapAfterGc();
    trace(`heap at ${PAGE_SIZE}: ${heapAtStart}`);
    await saveSnapshot(inspector, PAGE_SIZE);
    const loggedBefore = server.requests.length;
    const times: number[] = [];
    for (let loaded = PAGE_SIZE; loaded < LOADED_AT_END; loaded += PAGE_SIZE) {
      times.push(await loadMore(page, loaded === PAGE_SIZE));
      await untilQuiet(server, 300, 3_000); // each load on its own, not under the previous one's thumbnails
      trace(`loaded ${loaded + PAGE_SIZE}: ${times.at(-1)} ms`);
    }
    await untilQuiet(server);
    const heapAtEnd = await inspector.heapAfterGc();
    trace(`heap at ${LOADED_AT_END}: ${heapAtEnd}`);
    await saveSnapshot(inspector, LOADED_AT_END);
    const during = server.requests.slice(loggedBefore);
    const rowsRendered = await page.evaluate('window.__vgRowsSeen.size') as number;
    const floorHeapPerRow = await growTheFloor(page, inspector);
    return {
      loadMoreEarlyMs: median(times.slice(1, 4)), // the first load is a click (it focuses the tree), the others End + Enter
      loadMoreLateMs: median(times.slice(-3)),
      heapPerFile: (heapAtEnd - heapAtStart) / (LOADED_AT_END - PAGE_SIZE),
      floorHeapPerRow,
      wireBytesPerFile: await wireBytesPerFile(server),
      thumbnails: during.filter(isThumbnail).length,
      hydrates: during.filter(isHydrate).length,
      lists: during.filter(isList).length,
      fileGets: during.filter(isFileGet).length,
      rowsRendered,
    };
  } finally {
    inspector.close();
  }
}

/** Opens a view container unless it is the one showing (a click on the active one would close the side bar). */
async function showContainer(page: Page, entry: string): Promise<void> {
  const item = page.locator(entry).first();
  const active = await item.evaluate((a) => a.closest('.action-item')?.classList.contains('checked') === true);
  if (!active) await item.click();
}

/** The baseline tree grown 200 → 5,000 rows by the same Load more gestures: the extension host's heap per row. */
async function growTheFloor(page: Page, inspector: ExtensionHostInspector): Promise<number> {
  await clickUntil(page, page.locator(BASELINE_ENTRY).first(), firstBaselineRow);
  const heapAtStart = await inspector.heapAfterGc();
  for (let loaded = PAGE_SIZE; loaded < LOADED_AT_END; loaded += PAGE_SIZE) await loadMore(page, loaded === PAGE_SIZE);
  const heapAtEnd = await inspector.heapAfterGc();
  trace(`baseline tree heap ${heapAtStart} → ${heapAtEnd}`);
  return (heapAtEnd - heapAtStart) / (LOADED_AT_END - PAGE_SIZE);
}

/** With VG_BENCH_HEAP_SNAPSHOTS=<dir>, the extension host's heap at both ends, as `heap-<loaded>.heapsnapshot`. */
async function saveSnapshot(inspector: ExtensionHostInspector, loaded: number): Promise<void> {
  const dir = process.env.VG_BENCH_HEAP_SNAPSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `heap-${loaded}.heapsnapshot`);
  await inspector.saveHeapSnapshot(file);
  trace(`heap snapshot: ${file}`);
}

/** The size of a listed file's JSON on the wire (a page of 200 from the same server). */
async function wireBytesPerFile(server: LocalVideoGenServer): Promise<number> {
  const res = await request(`${server.baseUrl}/v1/files?limit=${PAGE_SIZE}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  const text = await res.body.text();
  return Buffer.byteLength(text) / (JSON.parse(text) as { files: unknown[] }).files.length;
}

/** "1 list, 2 thumbnail, 2 hydrate": what a set of requests asked for. */
function kindsOf(requests: readonly RequestLogEntry[]): string {
  const kind = (r: RequestLogEntry): string => (isList(r) ? 'list' : isThumbnail(r) ? 'thumbnail' : isHydrate(r) ? 'hydrate' : isFileGet(r) ? 'file GET' : `${r.method} ${r.path}`);
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(kind(r), (counts.get(kind(r)) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
}

function rowsOf(version: string, colds: ColdStart[], floors: number[], loading: Loading | undefined): BenchRow[] {
  const ms = (n: number): string => `${n.toFixed(0)} ms`;
  const firstRow = median(colds.map((c) => c.firstRowMs));
  const explorer = median(colds.map((c) => c.explorerMs));
  const floor = median(floors);
  const counts = colds.map((c) => c.requestsBeforeFirstRow.length);
  const onlyOneList = colds.every((c) => c.requestsBeforeFirstRow.length === 1 && isList(c.requestsBeforeFirstRow[0]));
  const firstPaintRows: BenchRow[] = [
    {
      figure: `${version}: click VideoGen → first file row (median of ${colds.length} cold starts)`,
      measured: ms(firstRow),
      baseline: `${ms(explorer)} (Explorer, ${EXPLORER_ENTRIES}-entry folder)`,
      ratio: firstRow / explorer,
      target: `≤ ${TARGETS.firstPaint}×`,
      met: firstRow / explorer <= TARGETS.firstPaint,
    },
    {
      figure: `${version}: the same, vs VS Code's floor (median of ${floors.length} cold starts)`,
      measured: ms(firstRow),
      baseline: `${ms(floor)} (a view container whose 200-row tree answers at once)`,
      ratio: firstRow / floor,
      target: `≤ ${TARGETS.firstPaint}×`,
      met: firstRow / floor <= TARGETS.firstPaint,
    },
    {
      figure: `${version}: API requests before the first row`,
      measured: `${counts.join(', ')}${onlyOneList ? '' : ` (worst: ${kindsOf(colds.map((c) => c.requestsBeforeFirstRow).sort((a, b) => b.length - a.length)[0])})`}`,
      baseline: '1 GET /v1/files',
      ratio: null,
      target: 'exactly 1 GET /v1/files in every cold start',
      met: onlyOneList,
    },
  ];
  return loading ? [...firstPaintRows, ...loadingRows(version, loading)] : firstPaintRows;
}

function loadingRows(version: string, loading: Loading): BenchRow[] {
  const ms = (n: number): string => `${n.toFixed(0)} ms`;
  const kb = (n: number): string => `${(n / 1024).toFixed(2)} KB`;
  const loadRatio = loading.loadMoreLateMs / loading.loadMoreEarlyMs;
  const hydrateCap = HYDRATE_BUDGET_PER_HOUR * TARGETS.hydrateShare;
  const listCap = LIST_BUDGET_PER_HOUR * TARGETS.hydrateShare;
  const trafficMet = loading.thumbnails <= loading.rowsRendered && loading.hydrates <= hydrateCap && loading.lists + loading.fileGets <= listCap;
  return [
    {
      figure: `${version}: Load more 200 rows at ${LOADED_AT_END - PAGE_SIZE} loaded (median of the last 3)`,
      measured: ms(loading.loadMoreLateMs),
      baseline: `${ms(loading.loadMoreEarlyMs)} (at 400–800 loaded)`,
      ratio: loadRatio,
      target: `≤ ${TARGETS.loadMore}×`,
      met: loadRatio <= TARGETS.loadMore,
    },
    {
      figure: `${version}: extension-host heap per loaded file after GC (200 → ${LOADED_AT_END})`,
      measured: kb(loading.heapPerFile),
      baseline: `${kb(loading.wireBytesPerFile)} (its JSON on the wire)`,
      ratio: loading.heapPerFile / loading.wireBytesPerFile,
      target: `≤ ${kb(TARGETS.heapBytesPerFile)}/file`,
      met: loading.heapPerFile <= TARGETS.heapBytesPerFile,
    },
    {
      figure: `${version}: the extension's own share of it (minus VS Code's per row, same Load mores)`,
      measured: kb(loading.heapPerFile - loading.floorHeapPerRow),
      baseline: `${kb(loading.floorHeapPerRow)} (VS Code's, per row of the baseline tree)`,
      ratio: loading.heapPerFile / loading.floorHeapPerRow,
      target: `≤ ${kb(TARGETS.heapBytesPerFile)}/file`,
      met: loading.heapPerFile - loading.floorHeapPerRow <= TARGETS.heapBytesPerFile,
    },
    {
      figure: `${version}: traffic while loading ${LOADED_AT_END} files`,
      measured: `${loading.thumbnails} thumbnail GETs, ${loading.hydrates} hydrates, ${loading.lists} list + ${loading.fileGets} file GETs`,
      baseline: `${loading.rowsRendered} rows rendered`,
      ratio: loading.rowsRendered === 0 ? null : loading.thumbnails / loading.rowsRendered,
      target: `thumbnails ≤ rows rendered; hydrates ≤ ${hydrateCap}, list + file GETs ≤ ${listCap} (10 % of the hourly budgets)`,
      met: trafficMet,
    },
  ];
}

/** Every workbench figure on each version (`--vscode 4.100.3` keeps one). */
export async function benchWorkbench(argv: readonly string[]): Promise<BenchRow[]> {
  const only = argv.indexOf('--vscode');
  const versions = only >= 0 ? [argv[only + 1]] : VERSIONS;
  const harness = (await importEsm(pathToFileURL(path.join(REPO, 'test', 'harness', 'vscode.mjs')).href)) as Harness;
  const workspace = makeWorkspace();
  const rows: BenchRow[] = [];
  try {
    for (const version of versions) {
      const colds: ColdStart[] = [];
      const floors: number[] = [];
      let loading: Loading | undefined;
      for (let i = 0; i < COLD_STARTS; i++) {
        const started = Date.now();
        const result = await coldStart(harness, version, workspace, i === 0 && !argv.includes('--first-paint'));
        colds.push(result.cold);
        loading ??= result.loading;
        floors.push(await floorColdStart(harness, version, workspace));
        console.log(`workbench ${version}, cold start ${i + 1}: first row ${result.cold.firstRowMs} ms, Explorer ${result.cold.explorerMs} ms, ${result.cold.requestsBeforeFirstRow.length} request(s) before it; floor ${floors.at(-1)} ms (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
      rows.push(...rowsOf(version, colds, floors, loading));
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  return rows;
}
