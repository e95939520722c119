// npm run bench — the client's cost over a bare HTTP+JSON baseline, both measured in this run against the
// local server on loopback. Targets are ratios, so the figures hold on any machine; the upload's memory target is
// absolute (a 200 MB upload grows the uploading process by less than 20 MB), with a plain stream as the baseline.
import { request } from 'undici';
import { VideoGenClient, type FileInfo } from '../../src/api';
import { startServer, type LocalVideoGenServer } from '../server/server';
import { benchPreviewOpen } from './previewOpen';
import { benchUpload } from './upload';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report(name: string, candidate: number, baseline: number, target: number, unit: (n: number) => string): boolean {
  const ratio = candidate / baseline;
  const ok = ratio <= target;
  console.log(`${name.padEnd(34)} client ${unit(candidate).padStart(9)}  baseline ${unit(baseline).padStart(9)}  ratio ${ratio.toFixed(2)}× (target ≤ ${target}×) ${ok ? 'ok' : 'MISSED'}`);
  return ok;
}

async function main(): Promise<void> {
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
    const okTime = report('list to the end: time', median(ours.map((m) => m.ms)), median(raw.map((m) => m.ms)), TARGETS.listTime, ms);
    const okMemory = report('list to the end: retained heap', median(ours.map((m) => m.heapBytes)), median(raw.map((m) => m.heapBytes)), TARGETS.listMemory, mb);
    process.exitCode = okTime && okMemory ? 0 : 1;
  } finally {
    await client.close();
    await server.close();
  }
  if (!(await benchUpload())) process.exitCode = 1;
  const previewRows = await benchPreviewOpen();
  console.log('Preview open and activation, in code-server + headless Chromium (median of 7 opens each)');
  for (const row of previewRows) {
    const ratio = row.ratio === null ? '' : `ratio ${row.ratio.toFixed(2)}× `;
    console.log(`${row.figure.padEnd(54)} ${row.measured.padStart(7)}  baseline ${row.baseline.padStart(7)}  ${ratio}(target ${row.target}) ${row.met ? 'ok' : 'MISSED'}`);
  }
  if (!previewRows.every((row) => row.met)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
