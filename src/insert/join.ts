// Several snippets at one cursor, joined so that the result is still valid code where the format is used.
// Pure; no vscode import.
//
// Joining string literals with bare line breaks is wrong in most languages: Python and C concatenate adjacent
// literals into one string without a word, and JavaScript or JSON does not parse. So:
//  - plain text and markup (Markdown, HTML) are one snippet per line, which is valid there as it is;
//  - string literals and objects are the items of a list: in JSON a whole array; elsewhere separated by the
//    language's list separator (`,` in most languages), so the lines are valid inside `[…]`, `(…)`, `{…}`;
//  - JSX elements become the children of one fragment, valid both as an expression and as children.

import { JSON_LANGUAGES, type SnippetFormat } from './formats';
import { stringDialectFor } from './strings';

/** Text languages, where a "string literal" is only text, and shell, whose list items are separated by whitespace. */
const NO_LIST_SEPARATOR = new Set(['plaintext', 'markdown', 'mdx', 'shellscript']);
/** JSON Lines holds one JSON value per line: its snippets stay one per line. */
const JSON_ARRAY_LANGUAGES: ReadonlySet<string> = new Set(JSON_LANGUAGES.filter((l) => l !== 'jsonl'));
/** MDX reads JSX elements on their own lines as blocks: no fragment needed (nor wanted) there. */
const FRAGMENT_LANGUAGES = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

const INDENT = '  ';

/**
 * The lines that insert `snippets` (rendered in `format` for a document of `languageId`) at one cursor. The
 * caller joins them with line breaks and indents each line after the first like the cursor's line.
 * A single snippet is inserted as it is.
 */
export function joinSnippets(format: Pick<SnippetFormat, 'join'>, languageId: string, snippets: readonly string[]): string[] {
  if (snippets.length <= 1) return [...snippets];
  switch (format.join) {
    case 'lines':
      return [...snippets];
    case 'jsx':
      return FRAGMENT_LANGUAGES.has(languageId) ? ['<>', ...snippets.map((s) => INDENT + s), '</>'] : [...snippets];
    case 'list':
      if (languageId === 'jsonl') return [...snippets];
      if (JSON_ARRAY_LANGUAGES.has(languageId)) return ['[', ...separated(snippets, ',').map((s) => INDENT + s), ']'];
      return hasListSeparator(languageId) ? separated(snippets, ',') : [...snippets];
  }
}

/** The text `joinSnippets` lines make at a cursor in column 0 (the picker's preview, tests). */
export function joinedText(lines: readonly string[], eol = '\n'): string {
  return lines.join(eol);
}

function separated(snippets: readonly string[], separator: string): string[] {
  return snippets.map((snippet, i) => (i < snippets.length - 1 ? snippet + separator : snippet));
}

/** Markup (HTML and the template languages over it, XML) quotes strings as text: there is no list to join into. */
function hasListSeparator(languageId: string): boolean {
  return !NO_LIST_SEPARATOR.has(languageId) && stringDialectFor(languageId).id !== 'html';
}
