// The upload's memory: a generated 200 MB file through the extension's upload path (prepareDiskUpload + the batch
// runner + client.uploadFile), against a plain stream of the same file to the same server. The server runs in a
// child process, so only the uploading side's memory is measured: V8 heap plus Buffers (a file read whole would
// land in Buffers, outside the V8 heap), live (after a full GC) every 25 ms while the upload runs; the figure is the
// peak growth. Without the GCs the figure is mostly chunks already let go, waiting for the collector.
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { request } from 'undici';
import { VideoGenClient } from '../../src/api';
import { ConcurrencyLimiter } from '../../src/async/limits';
import { pendingFileInfo, runUploadBatch } from '../../src/upload/batch';
import { prepareDiskUpload } from '../../src/upload/diskSource';
import { startChildServer, type ChildServer } from './childServer';
import { median, type BenchRow } from './report';

const UPLOAD_BYTES = 200 * 1000 * 1000;
const TARGET_GROWTH_BYTES = 20 * 1000 * 1000;
const ROUNDS = 3;

async function writeTestFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const chunk = Buffer.alloc(1000 * 1000);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
  Buffer.from('89504e470d0a1a0a', 'hex').copy(chunk); // a PNG signature: the server takes it as an image
  for (let written = 0; written < UPLOAD_BYTES; written += chunk.length) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}

const usedMemory = (): number => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const liveMemory = (): number => {
  global.gc?.();
  return usedMemory();
};

/** Peak growth of live heap + Buffers while `run` runs, sampled every 25 ms, and its duration. */
async function peakGrowth(run: () => Promise<void>): Promise<{ bytes: number; ms: number }> {
  const before = liveMemory();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, liveMemory())), 25);
  const start = performance.now();
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, liveMemory());
  return { bytes: peak - before, ms: performance.now() - start };
}

/** The floor: create the upload, then PUT a plain file stream. */
async function plainUpload(server: ChildServer, file: string): Promise<void> {
  const created = await request(`${server.baseUrl}/v1/files/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'baseline.png' }),
  });
  const { uploadUrl } = (await created.body.json()) as { uploadUrl: string };
  const put = await request(uploadUrl, { method: 'PUT', body: createReadStream(file, { highWaterMark: 256 * 1024 }), headers: { 'content-length': String(UPLOAD_BYTES) } });
  await put.body.dump();
  if (put.statusCode !== 200) throw new Error(`baseline PUT answered ${put.statusCode}`);
}

/** The extension's path, without the editor: the batch runner over a file on disk. */
async function extensionUpload(client: VideoGenClient, file: string): Promise<void> {
  const result = await runUploadBatch(
    [{ name: 'bench.png', prepare: () => prepareDiskUpload(file, 'bench.png') }],
    {
      upload: (options) => client.uploadFile(options),
      created: (fileId, prepared) => pendingFileInfo(fileId, prepared.displayName),
      updated: () => undefined,
      abandoned: () => undefined,
    },
    { limiter: new ConcurrencyLimiter(3), pollIntervalMs: 20 },
  );
  const [item] = result.items;
  if (item.status !== 'uploaded') throw new Error(`upload ended ${item.status}: ${item.status === 'failed' ? String(item.error) : ''}`);
  if (item.file.downloadSource?.fileBytes !== UPLOAD_BYTES) throw new Error(`the server stored ${item.file.downloadSource?.fileBytes} bytes`);
}

export async function benchUpload(): Promise<BenchRow> {
  if (!global.gc) throw new Error('the upload bench needs node --expose-gc (npm run bench)');
  const dir = mkdtempSync(path.join(tmpdir(), 'videogen-bench-'));
  const file = path.join(dir, 'bench.png');
  const server = await startChildServer(['--processing-delay', '10']);
  const client = new VideoGenClient({ apiKey: server.apiKey, baseUrl: server.baseUrl });
  try {
    await writeTestFile(file);
    await plainUpload(server, file); // warm-up of both paths
    await extensionUpload(client, file);
    const plain: Array<{ bytes: number; ms: number }> = [];
    const ours: Array<{ bytes: number; ms: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      plain.push(await peakGrowth(() => plainUpload(server, file)));
      ours.push(await peakGrowth(() => extensionUpload(client, file)));
    }
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
    const growth = median(ours.map((m) => m.bytes));
    const baseline = median(plain.map((m) => m.bytes));
    console.log(`Uploaded a ${mb(UPLOAD_BYTES)} file to the local server (child process), median of ${ROUNDS} rounds`);
    return {
      figure: 'upload 200 MB: peak live heap + Buffers',
      measured: mb(growth),
      baseline: `${mb(baseline)} (plain stream)`,
      ratio: growth / Math.max(1, baseline),
      target: `< ${mb(TARGET_GROWTH_BYTES)}`,
      met: growth < TARGET_GROWTH_BYTES,
    };
  } finally {
    await client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
