// Where completion may offer library files on a line: inside a string literal (code), or right after `vg_file_`
// (anywhere, prose included). A cheap, language-agnostic scan of one line, no tokenizer: quotes are balanced from
// the start of the line, a backslash escapes the next character, and a line comment ends the scan. No vscode import.

/** A completion spot: the replaced text runs from `start` to the cursor (insert) or to `end` (replace). */
export interface CompletionSpot {
  /** Column where the replaced text starts: the `vg_file_` typed, else just after the opening quote. */
  readonly start: number;
  /** Column where replacing ends: the rest of a typed id, else the closing quote (or the cursor when none). */
  readonly end: number;
  /** The cursor is inside a string literal (then the typed text is a search query, unless it is an id prefix). */
  readonly inString: boolean;
  /** What was typed between `start` and the cursor. */
  readonly typed: string;
}

/** Languages of prose, where an apostrophe is no quote: only `vg_file_` opens completion there. */
const PROSE_LANGUAGES: ReadonlySet<string> = new Set(['markdown', 'plaintext', 'restructuredtext', 'asciidoc', 'latex', 'git-commit', 'scminput']);

/** Languages whose line comments start with `#` (elsewhere `#` is a colour, a private field, a selector…). */
const HASH_COMMENT_LANGUAGES: ReadonlySet<string> = new Set([
  'python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'coffeescript', 'julia', 'elixir', 'ini', 'properties',
]);

const QUOTES = new Set(['"', "'", '`']);
/** `vg_file_` and the id characters typed after it, not inside a longer word. */
const ID_PREFIX_BEFORE = /(?<![0-9A-Za-z_])vg_file_[0-9A-Za-z]*$/;
const ID_CHARS_AFTER = /^[0-9A-Za-z]*/;

/** Shortest search query sent while typing. */
export const MIN_QUERY_LENGTH = 3;

/**
 * The opening quote's column when `before` (a line up to the cursor) ends inside a string literal, else -1.
 * A line comment outside strings (`//`, or `#` where the language uses it) means the cursor is in a comment.
 */
export function openQuoteColumn(before: string, languageId: string): number {
  let quote: string | undefined;
  let open = -1;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (QUOTES.has(c)) {
      quote = c;
      open = i;
    } else if ((c === '/' && before[i + 1] === '/') || (c === '#' && HASH_COMMENT_LANGUAGES.has(languageId))) {
      return -1;
    }
  }
  return quote === undefined ? -1 : open;
}

/** The column of the unescaped `quote` closing a string at or after `from`, else -1. */
function closingQuoteColumn(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}

/** Where completion applies at `cursor` on `line`, or undefined (then the provider answers nothing, at once). */
export function completionSpotAt(line: string, cursor: number, languageId: string): CompletionSpot | undefined {
  const before = line.slice(0, cursor);
  const idPrefix = ID_PREFIX_BEFORE.exec(before);
  const idEnd = cursor + ID_CHARS_AFTER.exec(line.slice(cursor))![0].length;
  const open = PROSE_LANGUAGES.has(languageId) ? -1 : openQuoteColumn(before, languageId);
  if (idPrefix) return { start: idPrefix.index, end: idEnd, inString: open >= 0, typed: idPrefix[0] };
  if (open < 0) return undefined;
  const close = closingQuoteColumn(line, cursor, line[open]!);
  return { start: open + 1, end: close < 0 ? cursor : close, inString: true, typed: before.slice(open + 1) };
}

/** Whether `typed` is (the start of) a file id, which is completed from known files, never searched. */
export function isIdPrefix(typed: string): boolean {
  const text = typed.trim();
  return text !== '' && ('vg_file_'.startsWith(text) || text.startsWith('vg_file_'));
}

/** What semantic search gets for a spot: the typed text of a string, when long enough and not an id; else undefined. */
export function searchQueryOf(spot: CompletionSpot): string | undefined {
  if (!spot.inString || isIdPrefix(spot.typed)) return undefined;
  const query = spot.typed.trim();
  return query.length >= MIN_QUERY_LENGTH ? query : undefined;
}

/** Whether a known file's name or id contains every word typed (case-insensitive); nothing typed matches all. */
export function matchesTyped(typed: string, name: string, fileId: string): boolean {
  const haystack = `${name}\n${fileId}`.toLowerCase();
  return typed
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}
