// Identifier formats of the VideoGen API (contract §2.7): `vg_<type>_` + 16 bytes (a UUID) in base62, 22 characters,
// as VideoGen's own codec writes them.
import { createHash, randomBytes } from 'node:crypto';

export const FILE_ID_PREFIX = 'vg_file_';
const PLAYBACK_ID_PREFIX = 'vg_play_';
const TOOL_EXECUTION_ID_PREFIX = 'vg_tool_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 22;
const ID_BODY = /^[0-9A-Za-z]{22}$/;
const MAX_ID_VALUE = (1n << 128n) - 1n;

/** 16 bytes as 22 base62 characters, most significant first, padded with '0'. */
export function encodeIdBody(bytes: Uint8Array): string {
  let value = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let text = '';
  while (value > 0n) {
    text = BASE62[Number(value % 62n)]! + text;
    value /= 62n;
  }
  return text.padStart(ID_LENGTH, '0');
}

/** The 16 bytes of a well-formed id body; undefined for anything else. */
export function decodeIdBody(body: string): Buffer | undefined {
  if (!ID_BODY.test(body)) return undefined;
  let value = 0n;
  for (const char of body) value = value * 62n + BigInt(BASE62.indexOf(char));
  if (value > MAX_ID_VALUE) return undefined;
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

export function newFileId(): string {
  return FILE_ID_PREFIX + encodeIdBody(randomBytes(16));
}

/**
 * Deterministic ids for the sample library, so it keeps its ids across restarts and resets.
 * A seeded PRNG (xoshiro128**) instead of a hash per file keeps 100,000 files cheap to build.
 */
export class StableIds {
  private readonly state: Uint32Array;

  constructor(seed: string) {
    const digest = createHash('sha256').update(seed).digest();
    this.state = new Uint32Array([digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)]);
  }

  nextFileId(): string {
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < 16; i += 4) bytes.writeUInt32LE(this.next(), i);
    return FILE_ID_PREFIX + encodeIdBody(bytes);
  }

  private next(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The tool execution id of a generated file in the sample library: derived from (and as stable as) its file id. */
export function toolExecutionIdFor(fileId: string): string {
  const bytes = (decodeIdBody(fileId.slice(FILE_ID_PREFIX.length)) ?? Buffer.alloc(16)).map((byte) => byte ^ 0x5a);
  return TOOL_EXECUTION_ID_PREFIX + encodeIdBody(bytes);
}

/** True for `vg_file_` + 22 base62 characters that encode 16 bytes. */
export function isWellFormedFileId(id: string): boolean {
  return id.startsWith(FILE_ID_PREFIX) && decodeIdBody(id.slice(FILE_ID_PREFIX.length)) !== undefined;
}

export function newRequestId(): string {
  return 'req_' + randomBytes(12).toString('base64url');
}

/** `vg_play_` + base64url of a Mux-like playback id, as @videogen/player expects (contract §6.4). */
export function newPlaybackId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const raw = Array.from(randomBytes(24), (byte) => alphabet[byte % alphabet.length]).join('');
  return PLAYBACK_ID_PREFIX + Buffer.from(raw).toString('base64url');
}
