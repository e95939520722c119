// The client alone: the server in its own process, and this process's CPU time (process.cpuUsage, user + system)
// around listing only, per listed file, against a bare undici + JSON.parse loop over the same pages.
import { request } from 'undici';
import { VideoGenClient } from '../../src/api';
import { startChildServer, type ChildServer } from './childServer';
import { median, type BenchRow } from './report';

const LIBRARY_SIZE = 20_000;
const PAGE = 200;
const ROUNDS = 15;
const TARGET_RATIO = 1.1;

async function listRaw(server: ChildServer): Promise<number> {
  let listed = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const res = await request(`${server.baseUrl}/v1/files?${query}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    const page = JSON.parse(await res.body.text()) as { files: unknown[]; nextCursor: string | null };
    listed += page.files.length;
    cursor = page.nextCursor;
  } while (cursor);
  return listed;
}

async function listWithClient(client: VideoGenClient): Promise<number> {
  let listed = 0;
  for await (const page of client.iterateFilePages({ limit: PAGE })) listed += page.files.length;
  return listed;
}

/** CPU microseconds per listed file. */
async function cpuPerFile(list: () => Promise<number>): Promise<number> {
  global.gc?.();
  const before = process.cpuUsage();
  const files = await list();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / files;
}

export async function benchClientCpu(): Promise<BenchRow> {
  const server = await startChildServer(['--files', String(LIBRARY_SIZE)]);
  const client = new VideoGenClient({ apiKey: server.apiKey, baseUrl: server.baseUrl });
  try {
    const listed = await listRaw(server); // warm-up of both paths (and the server's caches)
    if ((await listWithClient(client)) !== listed) throw new Error('the client and the raw loop listed different counts');
    const raw: number[] = [];
    const ours: number[] = [];
    // Alternating which goes first, so that neither always runs right after the other's garbage.
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) raw.push(await cpuPerFile(() => listRaw(server)));
      ours.push(await cpuPerFile(() => listWithClient(client)));
      if (round % 2 === 1) raw.push(await cpuPerFile(() => listRaw(server)));
    }
    const us = (n: number): string => `${n.toFixed(1)} µs/file`;
    const ratio = median(ours) / median(raw);
    console.log(`Client CPU: listed ${listed} files in pages of ${PAGE} from a server in its own process, median of ${ROUNDS} rounds`);
    return { figure: 'client alone: CPU per listed file', measured: us(median(ours)), baseline: `${us(median(raw))} (undici + JSON.parse)`, ratio, target: `≤ ${TARGET_RATIO}×`, met: ratio <= TARGET_RATIO };
  } finally {
    await client.close();
    await server.stop();
  }
}
