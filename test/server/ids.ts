// Identifier formats of the VideoGen API (contract §2.7): `vg_<type>_` + base64url of 16 bytes.
import { createHash, randomBytes } from 'node:crypto';

export const FILE_ID_PREFIX = 'vg_file_';
const PLAYBACK_ID_PREFIX = 'vg_play_';
const TOOL_EXECUTION_ID_PREFIX = 'vg_tool_';
const ID_BODY = /^[A-Za-z0-9_-]{22}$/;

export function newFileId(): string {
  return FILE_ID_PREFIX + randomBytes(16).toString('base64url');
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
    return FILE_ID_PREFIX + bytes.toString('base64url');
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
  const bytes = Buffer.from(fileId.slice(FILE_ID_PREFIX.length), 'base64url').map((byte) => byte ^ 0x5a);
  return TOOL_EXECUTION_ID_PREFIX + Buffer.from(bytes).toString('base64url');
}

/** True for `vg_file_` + the canonical base64url encoding of exactly 16 bytes. */
export function isWellFormedFileId(id: string): boolean {
  if (!id.startsWith(FILE_ID_PREFIX)) return false;
  const body = id.slice(FILE_ID_PREFIX.length);
  return ID_BODY.test(body) && Buffer.from(body, 'base64url').toString('base64url') === body;
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
