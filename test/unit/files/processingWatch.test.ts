// The watch that re-reads processing files until they are done (src/files/processingWatch.ts).
import { strict as assert } from 'node:assert';
import type { FileInfo } from '../../../src/api/models';
import { VideoGenApiError } from '../../../src/api/errors';
import { GIVE_UP_AFTER_MS, MAX_FILES_PER_ROUND, ProcessingWatch } from '../../../src/files/processingWatch';
import { makeFileInfo } from '../fakes';

const DELAYS = [5, 5, 5];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const processing = (id: string): FileInfo => makeFileInfo({ fileId: id, type: null });
const finished = (id: string): FileInfo => makeFileInfo({ fileId: id, type: 'VIDEO' });

/** A library of files whose server-side state the test controls. */
class Fixture {
  listed = new Map<string, FileInfo>();
  server = new Map<string, FileInfo | 'gone' | 'error'>();
  fetched: string[] = [];
  changed: FileInfo[] = [];
  gone: string[] = [];
  errors: string[] = [];
  now = 0;
  /** While set, every fetch waits for it: a round in flight that the test can abort. */
  gate: Promise<void> | undefined;
  readonly watch: ProcessingWatch;

  constructor(files: FileInfo[], delays: readonly number[] = DELAYS) {
    for (const f of files) {
      this.listed.set(f.fileId, f);
      this.server.set(f.fileId, f);
    }
    this.watch = new ProcessingWatch(
      {
        files: () => [...this.listed.values()],
        isProcessing: (f) => f.type === null,
        fetchFile: async (fileId, signal) => {
          this.fetched.push(fileId);
          await (this.gate ?? sleep(1));
          signal.throwIfAborted();
          const state = this.server.get(fileId);
          if (state === 'gone') throw new VideoGenApiError({ kind: 'http', status: 404, message: 'File not found' });
          if (state === 'error' || state === undefined) throw new VideoGenApiError({ kind: 'http', status: 500, message: 'boom' });
          return state;
        },
        onChanged: (f) => {
          this.changed.push(f);
          this.listed.set(f.fileId, f);
        },
        onGone: (id) => {
          this.gone.push(id);
          this.listed.delete(id);
        },
        onError: (id) => this.errors.push(id),
        now: () => this.now,
      },
      delays,
    );
  }
}

async function until(condition: () => boolean, ms = 1000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(2);
  }
}

describe('tree: ProcessingWatch', () => {
  it('makes no request while nothing is processing, and stops after one look', async () => {
    const f = new Fixture([finished('a')]);
    f.watch.kick();
    await until(() => !f.watch.scheduled);
    await sleep(20);
    assert.deepEqual(f.fetched, []);
    assert.equal(f.watch.scheduled, false, 'no timer left running');
  });

  it('polls a processing file until it is done, reports it once, then stops', async () => {
    const f = new Fixture([processing('a'), finished('b')]);
    f.watch.kick();
    await until(() => f.fetched.length >= 2);
    assert.equal(f.changed.length, 0, 'unchanged while still processing');
    f.server.set('a', finished('a'));
    await until(() => f.changed.length === 1);
    assert.equal(f.changed[0].type, 'VIDEO');
    await until(() => !f.watch.scheduled);
    assert.ok(f.fetched.every((id) => id === 'a'), 'only the processing file is read');
    const count = f.fetched.length;
    await sleep(30);
    assert.equal(f.fetched.length, count, 'no request after it finished');
  });

  it('reports progress of a file that is still processing (a source became ready)', async () => {
    const f = new Fixture([processing('a')]);
    f.server.set('a', makeFileInfo({ fileId: 'a', type: null, description: 'now described' }));
    f.watch.kick();
    await until(() => f.changed.length === 1);
    assert.equal(f.changed[0].description, 'now described');
    f.watch.dispose();
  });

  it('removes a file the API no longer knows (404)', async () => {
    const f = new Fixture([processing('a')]);
    f.server.set('a', 'gone');
    f.watch.kick();
    await until(() => f.gone.length === 1);
    assert.deepEqual(f.gone, ['a']);
    await until(() => !f.watch.scheduled);
  });

  it('keeps going after an error, and reports it', async () => {
    const f = new Fixture([processing('a')]);
    f.server.set('a', 'error');
    f.watch.kick();
    await until(() => f.errors.length >= 2);
    f.server.set('a', finished('a'));
    await until(() => f.changed.length === 1);
    f.watch.dispose();
  });

  it('reads at most MAX_FILES_PER_ROUND distinct files a round', async () => {
    const files = Array.from({ length: MAX_FILES_PER_ROUND + 5 }, (_, i) => processing(`f${i}`));
    const f = new Fixture(files, [5, 60_000]);
    f.watch.kick();
    await until(() => f.fetched.length >= MAX_FILES_PER_ROUND);
    await sleep(30);
    assert.equal(f.fetched.length, MAX_FILES_PER_ROUND);
    assert.equal(new Set(f.fetched).size, MAX_FILES_PER_ROUND);
    assert.equal(f.watch.scheduled, true, 'the next round waits for the longer delay');
    f.watch.dispose();
  });

  it('gives up on a file after an hour of processing, until a reset', async () => {
    const f = new Fixture([processing('a')]);
    f.watch.kick();
    await until(() => f.fetched.length >= 1);
    f.now = GIVE_UP_AFTER_MS + 1;
    await until(() => !f.watch.scheduled);
    const count = f.fetched.length;
    f.watch.reset();
    assert.equal(f.watch.scheduled, true, 'a reset watches it again');
    await until(() => f.fetched.length > count);
    f.watch.dispose();
  });

  it('pause aborts the round in flight: its answer never lands; resume starts again', async () => {
    const f = new Fixture([processing('a')]);
    f.server.set('a', finished('a'));
    let release = (): void => undefined;
    f.gate = new Promise((resolve) => (release = resolve));
    f.watch.kick();
    await until(() => f.fetched.length === 1);
    f.watch.pause();
    f.gate = undefined;
    release();
    await sleep(30);
    assert.equal(f.changed.length, 0, 'the aborted answer was dropped');
    assert.equal(f.watch.scheduled, false);
    f.watch.kick();
    assert.equal(f.watch.scheduled, false, 'kick does nothing while paused');
    f.watch.resume();
    await until(() => f.changed.length === 1);
  });

  it('polls while any holder is on, and pauses when the last one goes off', async () => {
    const f = new Fixture([processing('a')]);
    f.watch.pause();
    const tree = f.watch.holder();
    const preview = f.watch.holder();
    tree.set(true);
    tree.set(true); // idempotent: still one hold
    assert.equal(f.watch.scheduled, true);
    preview.set(true);
    tree.set(false);
    assert.equal(f.watch.scheduled, true, 'the preview still holds it');
    preview.dispose();
    assert.equal(f.watch.scheduled, false, 'no holder: paused');
    tree.set(true);
    await until(() => f.fetched.length >= 1);
    tree.dispose();
  });
});
