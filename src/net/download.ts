// Streams a signed media URL to a file: through the shared dispatcher, without the API key, into a temporary name
// that becomes the real one only when every byte arrived, so a cancelled or failed download leaves nothing behind.
// No vscode import.

import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isAllowedMediaUrl } from '../files/facts';
import { request, type Dispatcher } from './undici';

/** Headers must arrive within this; the body then takes as long as it takes (progress shows it, cancel stops it). */
const HEADERS_TIMEOUT_MS = 30_000;
/** A body that sends nothing for this long is given up. */
const BODY_IDLE_TIMEOUT_MS = 60_000;

/** The media host refused the URL: 401/403/410 mean the signature expired or was revoked (hydrate again). */
export class DownloadHttpError extends Error {
  override readonly name = 'DownloadHttpError';
  constructor(readonly status: number) {
    super(`The media host answered ${status}`);
  }

  get urlRefused(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 410;
  }
}

export interface DownloadOptions {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  /** Bytes written so far, and the total when the host said it. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** May the file at `destination` be replaced when it appears meanwhile? Default no: the download then fails. */
  replace?: boolean;
}

/**
 * Downloads `url` to `destination` (whose folder must exist). The URL is never put into an error message: signed
 * URLs are secrets until they expire. Resolves with the number of bytes written.
 */
export async function downloadToFile(url: string, destination: string, options: DownloadOptions): Promise<number> {
  if (!isAllowedMediaUrl(url)) throw new Error('The download URL was refused: it is not https (or http to a loopback address).');
  const response = await request(new URL(url), {
    method: 'GET',
    dispatcher: options.dispatcher,
    signal: options.signal,
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_IDLE_TIMEOUT_MS,
  });
  if (response.statusCode !== 200) {
    await response.body.dump().catch(() => undefined);
    throw new DownloadHttpError(response.statusCode);
  }
  const total = contentLength(response.headers['content-length']);
  const temporary = temporaryNameFor(destination);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.byteLength;
      options.onProgress?.(received, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response.body, counter, createWriteStream(temporary, { flags: 'wx' }), { signal: options.signal });
    if (total !== undefined && received !== total) throw new Error(`The download ended after ${received} of ${total} bytes.`);
    await moveIntoPlace(temporary, destination, options.replace === true);
    return received;
  } catch (error) {
    response.body.destroy();
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** A hidden name next to the destination (same file system, so the final rename is atomic). */
export function temporaryNameFor(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.${randomBytes(4).toString('hex')}.videogen-download`);
}

async function moveIntoPlace(temporary: string, destination: string, replace: boolean): Promise<void> {
  if (replace) {
    await fs.rename(temporary, destination);
    return;
  }
  // link() fails when the destination exists: a file that appeared during the download is never overwritten.
  try {
    await fs.link(temporary, destination);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw error;
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (await exists(destination)) throw Object.assign(new Error(`${path.basename(destination)} already exists.`), { code: 'EEXIST' });
    await fs.rename(temporary, destination);
    return;
  }
  await fs.rm(temporary, { force: true });
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(() => true, () => false);
}

function contentLength(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}
