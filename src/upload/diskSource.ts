// A local file as an upload: type from its name, size from stat, and bytes streamed from disk in 256 KiB chunks as
// the PUT pulls them (never read whole). No vscode import: the bench measures this same path.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { PreparedUpload } from './batch';
import { mediaTypeOf } from '../files/mediaTypes';

const READ_CHUNK_BYTES = 256 * 1024;

export class NotAFileError extends Error {
  override readonly name = 'NotAFileError';
  constructor(readonly fsPath: string) {
    super(`${fsPath} is not a file`);
  }
}

/** @throws UnsupportedMediaTypeError before touching the disk, NotAFileError for a folder, or stat's error. */
export async function prepareDiskUpload(fsPath: string, displayName = path.basename(fsPath)): Promise<PreparedUpload> {
  const mediaType = mediaTypeOf(displayName);
  const stats = await stat(fsPath);
  if (!stats.isFile()) throw new NotAFileError(fsPath);
  return { ...mediaType, displayName, size: stats.size, data: () => createReadStream(fsPath, { highWaterMark: READ_CHUNK_BYTES }) };
}
