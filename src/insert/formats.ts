// The declarative table of snippet formats. Pure; no vscode import.
//
// A format references either the file ID (stable, never expires: the default and recommended) or a URL (a signed
// download/preview URL that expires, or the permanent public-preview URL). The command layer resolves the URL and
// warns; formats only turn their inputs into text. Every format is a pure function of its FormatContext.

import type { FileInfo } from '../api/models';
import { jsxAttribute } from './jsx';
import { cssUrl, escapeHtml, escapeMarkdownText, htmlAttribute, markdownDestination, markdownTitle } from './markup';
import { JSON_DIALECT, quoteString, type Quote } from './strings';
import { hasUnsafe } from './text';

export type { Quote } from './strings';

/** What a snippet points at. */
export type SnippetReference = 'id' | 'url';

/**
 * How several snippets of a format go together at one cursor (see join.ts): `lines`, one per line (plain text
 * and markup, valid as they are); `list`, as the items of the language's list or array literal; `jsx`, as the
 * children of one JSX fragment.
 */
export type SnippetJoin = 'lines' | 'list' | 'jsx';

/**
 * Which URL a 'url' format wants when public preview is off: `embed`, the best rendition for a tag or a program
 * to load (the download URL, served as an attachment); `link`, a URL a person clicks, which must open in the
 * browser (the inline preview URL), not download.
 */
export type UrlUse = 'embed' | 'link';

/** The fields of a file that formats read (a FileInfo satisfies it). */
export type SnippetFile = Pick<FileInfo, 'fileId' | 'displayName' | 'type'>;

export interface FormatContext {
  readonly file: SnippetFile;
  /** Only for `reference: 'url'` formats: the resolved URL (public-preview URL when enabled, else a signed URL). */
  readonly url?: string;
  /** Whether `url` expires (signed) or not (public preview). Informational: the output does not depend on it. */
  readonly urlExpires: boolean;
  /** VS Code language id of the target document. */
  readonly languageId: string;
  /** Preferred quote for string literals; ignored where the language or format does not accept it. */
  readonly quote?: Quote;
}

export interface SnippetFormat {
  /** Stable id, used by the `videogen.insert.defaultFormat` setting. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly reference: SnippetReference;
  readonly join: SnippetJoin;
  /** For 'url' formats: which URL it wants. */
  readonly urlUse?: UrlUse;
  /** VS Code language ids this format is offered in, or 'all'. */
  readonly languages: readonly string[] | 'all';
  /** Language ids excluded from 'all' (where another format produces the same text). */
  readonly excludeLanguages?: readonly string[];
  /** Whether the format can represent this file (absent: any file). */
  appliesTo?(file: SnippetFile): boolean;
  format(ctx: FormatContext): string;
}

export type SnippetErrorCode = 'unknown-format' | 'not-applicable' | 'missing-url' | 'invalid-url';

export class SnippetFormatError extends Error {
  constructor(
    readonly code: SnippetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnippetFormatError';
  }
}

/** Attribute that keeps the stable file ID next to an expiring URL in HTML/JSX media tags. */
export const FILE_ID_ATTRIBUTE = 'data-videogen-file-id';

// Language groups (VS Code language ids).
export const MARKDOWN_LANGUAGES = ['markdown', 'mdx'] as const;
export const HTML_LANGUAGES = [
  'html',
  'vue',
  'svelte',
  'php',
  'handlebars',
  'razor',
  'aspnetcorerazor',
  'django-html',
  'jinja-html',
  'jinja',
  'erb',
  'twig',
  'nunjucks',
  'liquid',
  'ejs',
  'markdown',
] as const;
export const JSX_LANGUAGES = ['javascriptreact', 'typescriptreact', 'mdx'] as const;
export const CSS_LANGUAGES = ['css', 'scss', 'less', 'sass', 'stylus', 'postcss'] as const;
export const JSON_LANGUAGES = ['json', 'jsonc', 'json5', 'jsonl'] as const;
export const JS_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'] as const;

/** Media tag for a file type, or undefined when the type has none. */
export function mediaTag(type: SnippetFile['type']): 'img' | 'video' | 'audio' | undefined {
  switch (type) {
    case 'IMAGE':
      return 'img';
    case 'VIDEO':
      return 'video';
    case 'AUDIO':
      return 'audio';
    default:
      return undefined;
  }
}

/** URL formats need a ready file: a file still processing (type null) has no URL to insert. */
const isReady = (file: SnippetFile): boolean => file.type !== null;
const isMedia = (file: SnippetFile): boolean => mediaTag(file.type) !== undefined;
const isImage = (file: SnippetFile): boolean => file.type === 'IMAGE';

/**
 * The URL of a 'url' format's context, checked: present, http(s) (a hostile `javascript:`/`data:` URL is never
 * inserted into markup), and free of controls/bidi marks (which `new URL` would silently drop).
 */
export function checkUrl(ctx: FormatContext): string {
  const url = ctx.url;
  if (url === undefined || url === '') throw new SnippetFormatError('missing-url', 'This format needs a URL for the file.');
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new SnippetFormatError('invalid-url', 'The file URL is not a valid absolute URL.');
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new SnippetFormatError('invalid-url', `Refusing to insert a ${protocol} URL; only http(s) URLs are inserted.`);
  }
  if (hasUnsafe(url)) throw new SnippetFormatError('invalid-url', 'The file URL contains control characters.');
  return url;
}

/** Link text: the display name, or the file ID when the name is blank (an empty link is invisible). */
const linkText = (file: SnippetFile): string => (file.displayName.trim() === '' ? file.fileId : file.displayName);

const json = (value: string | null): string => (value === null ? 'null' : JSON_DIALECT.literal(value, '"'));

export const SNIPPET_FORMATS: readonly SnippetFormat[] = [
  {
    id: 'id',
    label: 'File ID',
    description: 'The file ID as plain text (stable, never expires)',
    reference: 'id',
    join: 'lines',
    languages: 'all',
    format: ({ file }) => file.fileId,
  },
  {
    id: 'quoted-id',
    label: 'File ID as a string',
    description: "The file ID as a string literal in this language's quoting",
    reference: 'id',
    join: 'list',
    languages: 'all',
    excludeLanguages: JSON_LANGUAGES,
    format: ({ file, languageId, quote }) => quoteString(file.fileId, languageId, quote),
  },
  {
    id: 'json',
    label: 'JSON string',
    description: 'The file ID as a JSON string',
    reference: 'id',
    join: 'list',
    languages: JSON_LANGUAGES,
    format: ({ file }) => json(file.fileId),
  },
  {
    id: 'json-object',
    label: 'JSON object',
    description: 'fileId, displayName and type as a JSON object',
    reference: 'id',
    join: 'list',
    languages: [...JSON_LANGUAGES, ...JS_LANGUAGES],
    format: ({ file }) =>
      `{"fileId": ${json(file.fileId)}, "displayName": ${json(file.displayName)}, "type": ${json(file.type)}}`,
  },
  {
    id: 'url',
    label: 'URL',
    description: 'The file URL as plain text',
    reference: 'url',
    join: 'lines',
    urlUse: 'embed',
    languages: 'all',
    appliesTo: isReady,
    format: (ctx) => checkUrl(ctx),
  },
  {
    id: 'quoted-url',
    label: 'URL as a string',
    description: "The file URL as a string literal in this language's quoting",
    reference: 'url',
    join: 'list',
    urlUse: 'embed',
    languages: 'all',
    appliesTo: isReady,
    format: (ctx) => quoteString(checkUrl(ctx), ctx.languageId, ctx.quote),
  },
  {
    id: 'markdown-image',
    label: 'Markdown image',
    description: '![name](url "file ID")',
    reference: 'url',
    join: 'lines',
    urlUse: 'embed',
    languages: MARKDOWN_LANGUAGES,
    appliesTo: isImage,
    format: (ctx) =>
      `![${escapeMarkdownText(ctx.file.displayName)}](${markdownDestination(checkUrl(ctx))} ${markdownTitle(ctx.file.fileId)})`,
  },
  {
    id: 'markdown-link',
    label: 'Markdown link',
    description: '[name](url "file ID")',
    reference: 'url',
    join: 'lines',
    urlUse: 'link',
    languages: MARKDOWN_LANGUAGES,
    appliesTo: isReady,
    format: (ctx) =>
      `[${escapeMarkdownText(linkText(ctx.file))}](${markdownDestination(checkUrl(ctx))} ${markdownTitle(ctx.file.fileId)})`,
  },
  {
    id: 'html-media',
    label: 'HTML media tag',
    description: '<img>, <video> or <audio> by file type',
    reference: 'url',
    join: 'lines',
    urlUse: 'embed',
    languages: HTML_LANGUAGES,
    appliesTo: isMedia,
    format: (ctx) => {
      const url = checkUrl(ctx);
      const tag = requireMediaTag(ctx.file);
      const src = htmlAttribute('src', url);
      const id = htmlAttribute(FILE_ID_ATTRIBUTE, ctx.file.fileId);
      if (tag === 'img') return `<img ${src} ${htmlAttribute('alt', ctx.file.displayName)} ${id}>`;
      return `<${tag} ${src} controls ${htmlAttribute('title', ctx.file.displayName)} ${id}></${tag}>`;
    },
  },
  {
    id: 'html-link',
    label: 'HTML link',
    description: '<a href="url">name</a>',
    reference: 'url',
    join: 'lines',
    urlUse: 'link',
    languages: HTML_LANGUAGES,
    appliesTo: isReady,
    format: (ctx) =>
      `<a ${htmlAttribute('href', checkUrl(ctx))} ${htmlAttribute(FILE_ID_ATTRIBUTE, ctx.file.fileId)}>${escapeHtml(linkText(ctx.file))}</a>`,
  },
  {
    id: 'jsx-media',
    label: 'JSX media element',
    description: '<img />, <video /> or <audio /> by file type',
    reference: 'url',
    join: 'jsx',
    urlUse: 'embed',
    languages: JSX_LANGUAGES,
    appliesTo: isMedia,
    format: (ctx) => {
      const url = checkUrl(ctx);
      const tag = requireMediaTag(ctx.file);
      const src = jsxAttribute('src', url);
      const id = jsxAttribute(FILE_ID_ATTRIBUTE, ctx.file.fileId);
      if (tag === 'img') return `<img ${src} ${jsxAttribute('alt', ctx.file.displayName)} ${id} />`;
      return `<${tag} ${src} controls ${jsxAttribute('title', ctx.file.displayName)} ${id} />`;
    },
  },
  {
    id: 'css-url',
    label: 'CSS url()',
    description: 'url("…") for an image',
    reference: 'url',
    join: 'list',
    urlUse: 'embed',
    languages: CSS_LANGUAGES,
    appliesTo: isImage,
    format: (ctx) => cssUrl(checkUrl(ctx), ctx.quote === "'" ? "'" : '"'),
  },
];

function requireMediaTag(file: SnippetFile): 'img' | 'video' | 'audio' {
  const tag = mediaTag(file.type);
  if (tag === undefined) throw new SnippetFormatError('not-applicable', `A ${file.type ?? 'processing'} file has no media tag.`);
  return tag;
}

const BY_ID: ReadonlyMap<string, SnippetFormat> = new Map(SNIPPET_FORMATS.map((f) => [f.id, f]));

export function getFormat(id: string): SnippetFormat | undefined {
  return BY_ID.get(id);
}

/** Whether `format` is offered in documents of `languageId`. */
export function isOfferedIn(format: SnippetFormat, languageId: string): boolean {
  if (format.excludeLanguages?.includes(languageId)) return false;
  return format.languages === 'all' || format.languages.includes(languageId);
}

/** Whether `format` can represent `file`. */
export function appliesTo(format: SnippetFormat, file: SnippetFile): boolean {
  return format.appliesTo === undefined || format.appliesTo(file);
}
