// Test fixtures for the snippet formatters.

import type { FileInfo, FileType } from '../../../src/api/models';
import { makeFileInfo } from '../fakes';

export const FILE_ID = 'vg_file_obLD1OX2eJCrEs0071Z4kA';
export const HOSTILE = `<img src=x onerror=alert(1)>"'&`;
/** Backslash, double and single quotes, a newline and a tab. */
export const TRICKY = 'C:\\clips\\"best" \'take\'\nline2\tend';
export const UNICODE = '日本語 ✨ café – naïve 🎬.png';
export const SIGNED_URL = 'https://image.media.videogen.io/f/obLD1OX2.png?token=abc123&download=cat%20pic.png';
export const PUBLIC_URL = 'https://public-previews.videogen.io/vg_file_obLD1OX2eJCrEs0071Z4kA.mp4';

export function file(type: FileType | null, displayName = 'cat.png', fileId = FILE_ID): FileInfo {
  return makeFileInfo({ fileId, type, displayName });
}
