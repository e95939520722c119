// npm run bench — the client's cost over a bare HTTP+JSON baseline, both measured in this run against the
// local server on loopback, then the user's experience in a real workbench (workbench.ts). Targets are ratios, so
// the figures hold on any machine; the upload's memory target is absolute (a 200 MB upload grows the uploading
// process by less than 20 MB), with a plain stream as the baseline. Every figure ends up in one table (report.ts).
import { request } from 'undici';
import { VideoGenClient, type FileInfo } from '../../src/api';
import { startServer, type LocalVideoGenServer } from '../server/server';
import { benchClientCpu } from './clientCpu';
import { benchPreviewOpen, type PreviewOpenOptions } from './previewOpen';
import { median, printRows, type BenchRow } from './report';
import { benchUpload } from './upload';
import { benchWorkbench } from './workbench';

const LIBRARY_SIZE = 20_000;
const PAGE = 200;
const ROUNDS = 5;
const TARGETS = { listTime: 1.5, listMemory: 1.6 };

interface Measurement {
  ms: number;
  heapBytes: number;
  files: number;
}

/** The floor: follow the cursors with plain requests and JSON.parse, no validation or normalisation. */
async function listRaw(server: LocalVideoGenServer): Promise<unknown[]> {
  const files: unknown[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const res = await request(`${server.baseUrl}/v1/files?${query}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const page = (await res.body.json()) as { files: unknown[]; nextCursor: string | null };
    files.push(...page.files);
    cursor = page.nextCursor;
  } while (cursor);
  return files;
}

async function listWithClient(client: VideoGenClient): Promise<FileInfo[]> {
  const files: FileInfo[] = [];
  for await (const file of client.iterateFiles({ limit: PAGE })) files.push(file);
  return files;
}

async function measure(run: () => Promise<unknown[]>, expectedFiles: number): Promise<Measurement> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const files = await run();
  const ms = performance.now() - start;
  global.gc?.();
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  if (files.length !== expectedFiles) throw new Error(`listed ${files.length} files, expected ${expectedFiles}`);
  return { ms, heapBytes, files: files.length };
}

function row(figure: string, candidate: number, baseline: number, target: number, unit: (n: number) => string): BenchRow {
  const ratio = candidate / baseline;
  return { figure, measured: unit(candidate), baseline: unit(baseline), ratio, target: `≤ ${target}×`, met: ratio <= target };
}

async function benchList(): Promise<BenchRow[]> {
  if (!global.gc) console.log('(run with node --expose-gc for steadier memory figures)');
  const server = await startServer({ port: 0, files: LIBRARY_SIZE });
  const client = new VideoGenClient({ apiKey: server.apiKey, baseUrl: server.baseUrl });
  try {
    // Warm-up; the default listing leaves out project and export files, so take the count from the baseline.
    const listed = (await listRaw(server)).length;
    await listWithClient(client);
    const raw: Measurement[] = [];
    const ours: Measurement[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await measure(() => listRaw(server), listed));
      ours.push(await measure(() => listWithClient(client), listed));
    }
    console.log(`Listing ${listed} files (of a ${LIBRARY_SIZE}-file library) in pages of ${PAGE}, median of ${ROUNDS} rounds (Node ${process.version})`);
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return [
      row('list to the end: time', median(ours.map((m) => m.ms)), median(raw.map((m) => m.ms)), TARGETS.listTime, ms),
      row('list to the end: retained heap', median(ours.map((m) => m.heapBytes)), median(raw.map((m) => m.heapBytes)), TARGETS.listMemory, mb),
    ];
  } finally {
    await client.close();
    await server.close();
  }
}

/** `--vscode V` measures one code-server version; by default both. */
function previewOptions(argv: readonly string[]): PreviewOpenOptions {
  const only = argv.indexOf('--vscode');
  return only >= 0 && argv[only + 1] ? { versions: [argv[only + 1]!] } : {};
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // --workbench: only the workbench figures (while working on the view); --vscode V: one code-server version.
  // The client's CPU first, while the heap is still small: after the list figures, the garbage they leave makes every
  // collection during it dearer, most for the side that allocates more (1.24× there against 1.06–1.11× first).
  const client: BenchRow[] = [];
  if (!argv.includes('--workbench')) {
    const cpu = await benchClientCpu();
    client.push(...(await benchList()), cpu, await benchUpload());
  }
  const rows = [...client, ...(await benchWorkbench(argv)), ...(await benchPreviewOpen(previewOptions(argv)))];
  console.log('');
  process.exitCode = printRows(rows) ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
