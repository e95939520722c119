// Downloads a small image from a signed media URL: no API key, a size cap, a deadline, cancellable.

import { request, type Dispatcher } from '../net/undici';
import { describeInsecureTransport } from '../api/baseUrl';

export const MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** A media request that failed with an HTTP status (403: the signed URL expired or was revoked). */
export class MediaHttpError extends Error {
  override readonly name = 'MediaHttpError';
  constructor(readonly status: number) {
    super(`Thumbnail request failed with status ${status}`);
  }
}

export type ImageFetcher = (url: string, signal: AbortSignal) => Promise<Uint8Array>;

/**
 * Fetches `url` through `dispatcher()` (the proxy-aware dispatcher). Signed URLs need no Authorization
 * header, and the API key must never reach a media host, so none is sent.
 */
export function createImageFetcher(dispatcher: () => Dispatcher): ImageFetcher {
  return async (url, signal) => {
    const target = new URL(url);
    const problem = describeInsecureTransport(target);
    if (problem !== null) throw new Error(`Thumbnail URL refused. ${problem}`);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]);
    const response = await request(target, { method: 'GET', dispatcher: dispatcher(), signal: deadline, headers: { accept: 'image/*' } });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new MediaHttpError(response.statusCode);
    }
    return readCapped(response.body, MAX_THUMBNAIL_BYTES);
  };
}

async function readCapped(body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown }, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new Error(`Thumbnail is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export type ImageExtension = 'jpg' | 'png' | 'webp' | 'gif';

/** The image format from its first bytes; undefined for anything else (SVG and HTML included: never cached). */
export function sniffImage(bytes: Uint8Array): ImageExtension | undefined {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}
