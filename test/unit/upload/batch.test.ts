import { strict as assert } from 'node:assert';
import type { Readable } from 'node:stream';
import type { CreateFileUploadOptions, FileInfo, FileUpload } from '../../../src/api/models';
import { runUpload, type UploadBackend } from '../../../src/api/upload';
import { ConcurrencyLimiter } from '../../../src/async/limits';
import { UploadActivity } from '../../../src/upload/activity';
import { countResults, pendingFileInfo, runUploadBatch, type PreparedUpload, type UploadBatchBackend, type UploadJob } from '../../../src/upload/batch';
import { mediaTypeOf, UnsupportedMediaTypeError } from '../../../src/files/mediaTypes';
import { makeFileInfo } from '../fakes';

const ready = { status: 'ready', url: null, expiresAt: null, width: null, height: null, fileBytes: null };
const failedSource = { ...ready, status: 'failed' };

/** A fake API behind the real upload flow: counts PUTs in flight, can hold them, fail them or fail processing. */
class FakeApi implements UploadBackend {
  created: CreateFileUploadOptions[] = [];
  received = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private next = 0;
  private readonly names = new Map<string, string>();
  /** Resolves the PUTs being held (all at once). */
  private release: (() => void) | undefined;
  private held: Promise<void> | undefined;
  putsStarted = 0;
  onPutStarted: (() => void) | undefined;

  constructor(private readonly behaviour: { holdPuts?: boolean; failPutOf?: string; failProcessingOf?: string; neverFinish?: boolean } = {}) {
    if (behaviour.holdPuts) this.held = new Promise((resolve) => (this.release = resolve));
  }

  releasePuts(): void {
    this.release?.();
  }

  async createFileUpload(options: CreateFileUploadOptions): Promise<FileUpload> {
    this.created.push(options);
    const fileId = `vg_file_${String(this.next++).padStart(22, '0')}`;
    this.names.set(fileId, options.displayName);
    return { fileId, uploadUrl: `http://127.0.0.1/upload/${fileId}` };
  }

  async putUploadBytes(uploadUrl: string, body: Readable, _headers: Record<string, string>, _timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const fileId = uploadUrl.split('/').at(-1)!;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.putsStarted++;
    this.onPutStarted?.();
    try {
      let bytes = 0;
      for await (const chunk of body) {
        bytes += (chunk as Buffer).length;
        signal?.throwIfAborted();
      }
      if (this.held) await abortable(this.held, signal);
      if (this.names.get(fileId) === this.behaviour.failPutOf) throw new Error('storage answered 503');
      this.received.set(fileId, bytes);
    } finally {
      this.inFlight--;
    }
  }

  async hydrateFile(fileId: string, signal?: AbortSignal): Promise<FileInfo> {
    signal?.throwIfAborted();
    const displayName = this.names.get(fileId) ?? '';
    if (this.behaviour.neverFinish) return pendingFileInfo(fileId, displayName);
    const source = displayName === this.behaviour.failProcessingOf ? failedSource : ready;
    return makeFileInfo({ fileId, displayName, downloadSource: { ...source }, previewSource: { ...source } });
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

function job(name: string, size = 1000): UploadJob {
  return {
    name,
    prepare: async (): Promise<PreparedUpload> => ({
      ...mediaTypeOf(name),
      displayName: name,
      size,
      data: () => chunks(size),
    }),
  };
}

async function* chunks(size: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < size; sent += 100) yield new Uint8Array(Math.min(100, size - sent));
}

interface Recorder extends UploadBatchBackend {
  createdIds: string[];
  updates: FileInfo[];
  abandonedIds: string[];
}

function recorder(api: FakeApi): Recorder {
  const record: Recorder = {
    createdIds: [],
    updates: [],
    abandonedIds: [],
    upload: (options) => runUpload(api, options, options.signal),
    created: (fileId, prepared) => {
      record.createdIds.push(fileId);
      return pendingFileInfo(fileId, prepared.displayName);
    },
    updated: (file) => void record.updates.push(file),
    abandoned: (fileId) => void record.abandonedIds.push(fileId),
  };
  return record;
}

const names = ['a.png', 'b.jpg', 'c.mp4', 'd.mp3', 'e.pdf', 'f.webm'];

describe('upload batch runner', () => {
  it('uploads every file, at most 3 at a time, and reports bytes then processing for each', async () => {
    const api = new FakeApi();
    const backend = recorder(api);
    const phases = new Map<string, string[]>();
    const result = await runUploadBatch(names.map((name) => job(name)), backend, {
      limiter: new ConcurrencyLimiter(3),
      pollIntervalMs: 1,
      onStateChange: (states) => {
        for (const state of states) {
          const seen = phases.get(state.name) ?? [];
          if (seen.at(-1) !== state.phase) seen.push(state.phase);
          phases.set(state.name, seen);
        }
      },
    });
    assert.deepEqual(result.items.map((item) => item.status), names.map(() => 'uploaded'));
    assert.deepEqual(result.items.map((item) => item.name), names);
    assert.equal(api.maxInFlight, 3, 'three PUTs ran side by side, never more');
    assert.deepEqual([...api.received.values()], names.map(() => 1000));
    assert.deepEqual(api.created.map((c) => [c.displayName, c.type]), [['a.png', 'IMAGE'], ['b.jpg', 'IMAGE'], ['c.mp4', 'VIDEO'], ['d.mp3', 'AUDIO'], ['e.pdf', 'PDF'], ['f.webm', 'VIDEO']]);
    for (const name of names) assert.deepEqual(phases.get(name), ['waiting', 'uploading', 'processing', 'done'], name);
    assert.equal(backend.createdIds.length, 6);
    assert.deepEqual(backend.abandonedIds, []);
    assert.ok(backend.updates.some((file) => file.downloadSource?.status === 'ready'));
    assert.equal(result.cancelled, false);
  });

  it('refuses an unsupported file before anything is sent, and still uploads the rest', async () => {
    const api = new FakeApi();
    const result = await runUploadBatch([job('a.png'), job('notes.txt'), job('c.mp4')], recorder(api), { limiter: new ConcurrencyLimiter(3), pollIntervalMs: 1 });
    assert.deepEqual(result.items.map((item) => item.status), ['uploaded', 'failed', 'uploaded']);
    const failed = result.items[1];
    assert.ok(failed.status === 'failed' && failed.error instanceof UnsupportedMediaTypeError && failed.fileId === undefined);
    assert.deepEqual(api.created.map((c) => c.displayName), ['a.png', 'c.mp4']);
    assert.deepEqual(countResults(result), { uploaded: 2, processing: 0, failed: 1, cancelled: 0 });
  });

  it('abandons a file whose PUT failed, and keeps a file whose processing failed', async () => {
    const api = new FakeApi({ failPutOf: 'b.jpg', failProcessingOf: 'c.mp4' });
    const backend = recorder(api);
    const result = await runUploadBatch([job('a.png'), job('b.jpg'), job('c.mp4')], backend, { limiter: new ConcurrencyLimiter(3), pollIntervalMs: 1 });
    assert.deepEqual(result.items.map((item) => item.status), ['uploaded', 'failed', 'failed']);
    const [, put, processing] = result.items;
    assert.ok(put.status === 'failed' && put.error instanceof Error && put.error.message === 'storage answered 503');
    assert.ok(processing.status === 'failed' && (processing.error as Error).name === 'UploadProcessingError');
    assert.deepEqual(backend.abandonedIds, [put.fileId], 'only the file without its bytes is abandoned');
    assert.ok(backend.updates.some((file) => file.fileId === processing.fileId && file.downloadSource?.status === 'failed'), 'the failed state reached the store');
  });

  it('cancel aborts the PUTs in flight, abandons their files and never starts the queued ones', async () => {
    const api = new FakeApi({ holdPuts: true });
    const backend = recorder(api);
    const controller = new AbortController();
    api.onPutStarted = () => {
      if (api.putsStarted === 3) setImmediate(() => controller.abort());
    };
    const result = await runUploadBatch(names.map((name) => job(name)), backend, { limiter: new ConcurrencyLimiter(3), signal: controller.signal, pollIntervalMs: 1 });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.items.map((item) => item.status), names.map(() => 'cancelled'));
    assert.equal(api.created.length, 3, 'queued files were never created');
    assert.deepEqual(backend.abandonedIds.sort(), backend.createdIds.sort());
    assert.equal(api.received.size, 0);
    assert.equal(api.inFlight, 0);
  });

  it('cancel while processing keeps the file that was sent (still processing)', async () => {
    const api = new FakeApi({ neverFinish: true });
    const backend = recorder(api);
    const controller = new AbortController();
    const result = await runUploadBatch([job('a.png')], backend, {
      limiter: new ConcurrencyLimiter(3),
      signal: controller.signal,
      pollIntervalMs: 5,
      onStateChange: (states) => {
        if (states[0].phase === 'processing') controller.abort();
      },
    });
    const [item] = result.items;
    assert.equal(item.status, 'processing');
    assert.ok(item.status === 'processing' && item.file.fileId === backend.createdIds[0]);
    assert.deepEqual(backend.abandonedIds, []);
  });

  it('shares one limit across batches through the window activity, and counts files in progress', async () => {
    const activity = new UploadActivity();
    const api = new FakeApi();
    const counts: number[] = [];
    activity.onDidChange(() => counts.push(activity.inProgress));
    const finishOne = activity.begin(2);
    const batches = [['a.png', 'b.png', 'c.png'], ['d.png', 'e.png']].map((batch) =>
      runUploadBatch(batch.map((name) => job(name)), recorder(api), { limiter: activity.limiter, pollIntervalMs: 1 }));
    await Promise.all(batches);
    finishOne();
    finishOne();
    finishOne();
    assert.equal(api.maxInFlight, 3);
    assert.deepEqual(counts, [2, 1, 0]);
    assert.equal(activity.inProgress, 0);
  });
});
