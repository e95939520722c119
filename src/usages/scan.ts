// Finding a file id in the text of workspace files: where it occurs (line and UTF-16 column, as VS Code's Position
// takes them), which files are not worth reading (media, archives, too large), and the exclude glob made of the
// user's `files.exclude` and `search.exclude`. The id covers its app media link and library URLs, which contain it.
// No vscode import.

import { findFileIdsAt } from '../files/fileRefs';

export interface UsageAt {
  /** Zero-based line. */
  readonly line: number;
  /** Zero-based UTF-16 column of the id's first character. */
  readonly character: number;
  readonly length: number;
}

/** Every occurrence of `fileId` in `text` as an id of its own (an id inside a longer word is another word). */
export function usagesInText(text: string, fileId: string): UsageAt[] {
  if (!text.includes(fileId)) return [];
  const found = findFileIdsAt(text).filter((at) => at.fileId === fileId);
  if (found.length === 0) return [];
  const lineStarts = lineStartsOf(text);
  return found.map((at) => {
    const line = lineOf(lineStarts, at.start);
    return { line, character: at.start - lineStarts[line]!, length: at.end - at.start };
  });
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line holding `offset`: the last line start at or before it (binary search). */
function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Extensions of files that hold no text to search: media, archives, fonts, binaries. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp avif bmp ico tif tiff psd heic mp4 m4v mov webm mkv avi mp3 wav m4a aac ogg opus flac pdf ' +
    'zip gz tgz bz2 xz 7z rar jar war woff woff2 ttf otf eot exe dll so dylib bin class o a wasm pyc node sqlite db'
  ).split(' '),
);

export function isBinaryByName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}

/** A NUL byte in the first 8 KB: what git and ripgrep take to mean "binary". */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * One glob of the patterns `files.exclude` and `search.exclude` turn on (`true`; a `{ when }` condition on a sibling
 * cannot be checked without reading the folder, so those are left to apply), or undefined when there is none.
 */
export function excludeGlob(...settings: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>): string | undefined {
  const patterns = new Set<string>();
  for (const setting of settings) {
    for (const [pattern, on] of Object.entries(setting ?? {})) {
      if (on === true && pattern.trim() !== '') for (const expanded of expandBraces(pattern.trim())) patterns.add(expanded);
    }
  }
  if (patterns.size === 0) return undefined;
  return patterns.size === 1 ? [...patterns][0] : `{${[...patterns].join(',')}}`;
}

// A brace group becomes one pattern per choice (`*.{a,b}` gives `*.a` and `*.b`): the joined glob wraps every
// pattern in one brace group, and braces do not nest.
function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const before = pattern.slice(0, match.index);
  const after = pattern.slice(match.index + match[0].length);
  return match[1]!.split(',').flatMap((choice) => expandBraces(before + choice + after));
}
