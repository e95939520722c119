// Snippet formatting API for "Insert file ID" / "Insert as…". Pure; no vscode import: the command layer reads the
// editor's language id and the `videogen.insert.defaultFormat` setting, resolves URLs, warns about expiry, and
// calls these.

import {
  CSS_LANGUAGES,
  HTML_LANGUAGES,
  JSON_LANGUAGES,
  SNIPPET_FORMATS,
  SnippetFormatError,
  appliesTo,
  getFormat,
  isOfferedIn,
  type FormatContext,
  type SnippetFile,
  type SnippetFormat,
} from './formats';

export {
  FILE_ID_ATTRIBUTE,
  SNIPPET_FORMATS,
  SnippetFormatError,
  appliesTo,
  getFormat,
  isOfferedIn,
  mediaTag,
  type FormatContext,
  type Quote,
  type SnippetErrorCode,
  type SnippetFile,
  type SnippetFormat,
  type SnippetJoin,
  type SnippetReference,
  type UrlUse,
} from './formats';
export { joinSnippets, joinedText } from './join';
export { quoteString, stringDialectFor, supportedQuotes, type StringDialect } from './strings';
export { escapeHtml, escapeMarkdownText, markdownDestination, cssUrl } from './markup';
export { jsxAttributeValue } from './jsx';

const MARKUP_TEMPLATES: readonly string[] = HTML_LANGUAGES.filter((l) => !['markdown', 'vue', 'svelte', 'php'].includes(l));

/**
 * Best-fit order per language. Formats not listed follow in table order. The default format is the first
 * ID-reference format of this order (URL formats are never a built-in default: their URLs may expire).
 */
const PREFERRED: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['markdown', ['markdown-image', 'markdown-link', 'id', 'html-media', 'html-link', 'url', 'quoted-id', 'quoted-url']],
  ['mdx', ['markdown-image', 'markdown-link', 'jsx-media', 'id', 'quoted-id', 'url', 'quoted-url']],
  ['javascriptreact', ['jsx-media', 'quoted-id', 'id', 'json-object', 'quoted-url', 'url']],
  ['typescriptreact', ['jsx-media', 'quoted-id', 'id', 'json-object', 'quoted-url', 'url']],
  ['javascript', ['quoted-id', 'id', 'json-object', 'quoted-url', 'url']],
  ['typescript', ['quoted-id', 'id', 'json-object', 'quoted-url', 'url']],
  ['vue', ['html-media', 'html-link', 'quoted-id', 'id', 'quoted-url', 'url']],
  ['svelte', ['html-media', 'html-link', 'quoted-id', 'id', 'quoted-url', 'url']],
  ['php', ['quoted-id', 'id', 'html-media', 'html-link', 'quoted-url', 'url']],
  ...MARKUP_TEMPLATES.map((l) => [l, ['html-media', 'html-link', 'id', 'quoted-id', 'url', 'quoted-url']] as const),
  ...CSS_LANGUAGES.map((l) => [l, ['css-url', 'quoted-id', 'id', 'quoted-url', 'url']] as const),
  ...JSON_LANGUAGES.map((l) => [l, ['json', 'json-object', 'id', 'quoted-url', 'url']] as const),
  ['plaintext', ['id', 'quoted-id', 'url', 'quoted-url']],
]);

/** Everywhere else (code): the ID as a string literal first, then bare. */
const FALLBACK_ORDER: readonly string[] = ['quoted-id', 'id', 'quoted-url', 'url'];

/** The formats offered for `file` in a document of `languageId`, best fit first. Never empty ('id' fits everything). */
export function formatsFor(languageId: string, file: SnippetFile): SnippetFormat[] {
  const order = PREFERRED.get(languageId) ?? FALLBACK_ORDER;
  const rank = (f: SnippetFormat): number => {
    const i = order.indexOf(f.id);
    return i === -1 ? order.length + SNIPPET_FORMATS.indexOf(f) : i;
  };
  return SNIPPET_FORMATS.filter((f) => isOfferedIn(f, languageId) && appliesTo(f, file)).sort((a, b) => rank(a) - rank(b));
}

/**
 * The format "Insert file ID" uses: the setting's entry for `languageId`, else its `"*"` entry, else the built-in
 * default (the first ID format of `formatsFor`). A setting entry is ignored when it is not a string, names no
 * format, or names one not offered for this language or not applicable to this file. A URL format chosen in the
 * setting is honoured (the user picked it; the command layer warns that signed URLs expire).
 */
export function defaultFormatFor(
  languageId: string,
  file: SnippetFile,
  overrides?: Readonly<Record<string, unknown>> | null,
): SnippetFormat {
  const offered = formatsFor(languageId, file);
  if (overrides != null && typeof overrides === 'object') {
    for (const key of [languageId, '*']) {
      if (!Object.prototype.hasOwnProperty.call(overrides, key)) continue;
      const wanted = overrides[key];
      const match = typeof wanted === 'string' ? offered.find((f) => f.id === wanted) : undefined;
      if (match) return match;
    }
  }
  return offered.find((f) => f.reference === 'id') ?? getFormat('id')!;
}

/**
 * Render format `formatId` for `ctx`. Throws SnippetFormatError: 'unknown-format'; 'not-applicable' when the
 * format cannot represent the file (e.g. an <img> for audio); 'missing-url' / 'invalid-url' for URL formats.
 * The language is not checked: any format renders in any document.
 */
export function renderSnippet(formatId: string, ctx: FormatContext): string {
  const format = getFormat(formatId);
  if (!format) throw new SnippetFormatError('unknown-format', `Unknown snippet format "${formatId}".`);
  if (!appliesTo(format, ctx.file)) {
    throw new SnippetFormatError('not-applicable', `"${format.label}" does not apply to a ${ctx.file.type ?? 'processing'} file.`);
  }
  return format.format(ctx);
}
