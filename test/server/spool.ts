// Upload bodies go to disk as they arrive: a PUT of hundreds of MB never sits in the server's memory. Only the
// first bytes are kept (the magic numbers and image headers processing reads).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Enough for every magic number and for image dimensions (a JPEG's SOF may follow large EXIF segments). */
export const HEAD_BYTES = 256 * 1024;

export interface SpooledBody {
  readonly file: string;
  readonly size: number;
  /** The first HEAD_BYTES bytes (all of a smaller body). */
  readonly head: Buffer;
  /** Hex MD5 of the body (the ETag storage services answer a PUT with). */
  readonly md5: string;
}

export class UploadSpool {
  private directory: string | undefined;
  private next = 0;

  /**
   * Streams `body` to a new file, reading only as fast as the disk takes it. 'tooLarge' (the file is removed)
   * once more than `limitBytes` arrived; the rest of the body is read and dropped so the client gets the answer.
   * Rejects when the client hangs up.
   */
  async receive(body: Readable, limitBytes: number): Promise<SpooledBody | 'tooLarge'> {
    this.directory ??= mkdtempSync(path.join(tmpdir(), 'videogen-local-uploads-'));
    const file = path.join(this.directory, `upload-${++this.next}`);
    const out = createWriteStream(file);
    let writeError: Error | undefined;
    out.on('error', (error) => (writeError ??= error));
    const hash = createHash('md5');
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limitBytes) continue;
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headSize);
          head.push(Buffer.from(part));
          headSize += part.length;
        }
        if (writeError) throw writeError;
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      removeQuietly(file);
      throw error;
    }
    if (size > limitBytes) {
      removeQuietly(file);
      return 'tooLarge';
    }
    return { file, size, head: Buffer.concat(head), md5: hash.digest('hex') };
  }

  /** Deletes a body that is no longer needed (replaced by a second PUT, or its file is gone). */
  discard(body: SpooledBody): void {
    removeQuietly(body.file);
  }

  /** Deletes every spooled body (the server is closing). */
  dispose(): void {
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
    this.directory = undefined;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
