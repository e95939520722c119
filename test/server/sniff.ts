// Recognises uploaded bytes by their magic numbers, as the real service infers `type` after processing.
import type { KnownFileType } from '../../src/api/models';

export interface SniffedMedia {
  type: KnownFileType;
  extension: string;
}

type Matcher = (bytes: Buffer) => boolean;

const startsWith = (signature: string | number[], offset = 0): Matcher => (bytes) => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
};
const riff = (form: string): Matcher => (bytes) => startsWith('RIFF')(bytes) && startsWith(form, 8)(bytes);
const mp4Brand = (bytes: Buffer): string => bytes.subarray(8, 12).toString('latin1');
/** MPEG audio frame sync with a non-zero layer (ADTS/AAC has layer 0). */
const mpegAudioFrame: Matcher = (bytes) => bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0;

const SIGNATURES: ReadonlyArray<[Matcher, SniffedMedia]> = [
  [startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { type: 'IMAGE', extension: 'png' }],
  [startsWith([0xff, 0xd8, 0xff]), { type: 'IMAGE', extension: 'jpg' }],
  [(b) => startsWith('GIF87a')(b) || startsWith('GIF89a')(b), { type: 'IMAGE', extension: 'gif' }],
  [riff('WEBP'), { type: 'IMAGE', extension: 'webp' }],
  [riff('WAVE'), { type: 'AUDIO', extension: 'wav' }],
  [(b) => startsWith('ftyp', 4)(b) && mp4Brand(b).startsWith('M4A'), { type: 'AUDIO', extension: 'm4a' }],
  [(b) => startsWith('ftyp', 4)(b) && mp4Brand(b) === 'qt  ', { type: 'VIDEO', extension: 'mov' }],
  [startsWith('ftyp', 4), { type: 'VIDEO', extension: 'mp4' }],
  [startsWith([0x1a, 0x45, 0xdf, 0xa3]), { type: 'VIDEO', extension: 'webm' }],
  [(b) => startsWith('ID3')(b) || mpegAudioFrame(b), { type: 'AUDIO', extension: 'mp3' }],
  [startsWith('OggS'), { type: 'AUDIO', extension: 'ogg' }],
  [startsWith('%PDF-'), { type: 'PDF', extension: 'pdf' }],
];

export function sniffMedia(bytes: Buffer): SniffedMedia | undefined {
  return SIGNATURES.find(([matches]) => matches(bytes))?.[1];
}

/** Pixel size of a PNG, GIF, JPEG or WebP image, when its header says. */
export function imageDimensions(bytes: Buffer, extension: string): { width: number; height: number } | undefined {
  try {
    switch (extension) {
      case 'png': return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
      case 'gif': return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
      case 'jpg': return jpegDimensions(bytes);
      case 'webp': return webpDimensions(bytes);
      default: return undefined;
    }
  } catch {
    return undefined; // truncated header
  }
}

function jpegDimensions(bytes: Buffer): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return undefined;
}

function webpDimensions(bytes: Buffer): { width: number; height: number } | undefined {
  const chunk = bytes.subarray(12, 16).toString('latin1');
  if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
  if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return undefined;
}
