import { strict as assert } from 'node:assert';
import { VideoGenApiError, type ApiErrorKind, type FileInfo, type FileSource } from '../../../src/api';
import { makeFileInfo } from '../fakes';

export function makeSource(overrides: Partial<FileSource> = {}): FileSource {
  return { status: 'ready', url: 'https://media.example/x?sig=1', expiresAt: null, width: null, height: null, fileBytes: null, ...overrides };
}

export function makeFile(overrides: Partial<FileInfo> = {}): FileInfo {
  return makeFileInfo(overrides);
}

/** Asserts `action` throws/rejects a VideoGenApiError of `kind`, and returns it for further checks. */
export async function expectApiError(action: () => unknown, kind: ApiErrorKind): Promise<VideoGenApiError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected a VideoGenApiError of kind ${kind}, but nothing was thrown`);
  assert.ok(caught instanceof VideoGenApiError, `expected a VideoGenApiError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, `kind (message: ${caught.message})`);
  return caught;
}

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
