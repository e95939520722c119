// Escapers for markup snippets: HTML, Markdown, CSS. Pure; no vscode import.
//
// Display names are hostile input: whatever a name holds, these produce inert text in their context.

import { displayText, hex, isBidiControl, isLoneSurrogate, isUnsafe, mapChars } from './text';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Template languages that embed HTML read these inside attributes and text: {{ }} / {% %} (Vue text, Svelte,
  // Handlebars, Jinja, Django, Liquid, Twig, Angular, Blade), ${ } (JSP EL), @ (Razor/Blade). Entities are inert there.
  '{': '&#123;',
  '}': '&#125;',
  '@': '&#64;',
};

/**
 * Text for an HTML text node or a quoted attribute value (either quote): `& < > " '` plus `{ } @` become entities;
 * tab/CR/LF, U+2028/U+2029 and bidi marks become numeric references (lossless, visible in source, one line);
 * other controls and lone surrogates become U+FFFD (they have no valid HTML form).
 */
export function escapeHtml(value: string): string {
  return mapChars(displayText(value), (ch, cp) => {
    const entity = HTML_ENTITIES[ch];
    if (entity !== undefined) return entity;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return `&#${cp};`;
    if (cp === 0x2028 || cp === 0x2029 || isBidiControl(cp)) return `&#x${hex(cp)};`;
    return undefined;
  });
}

/** `name="value"` with the value HTML-escaped. */
export function htmlAttribute(name: string, value: string): string {
  return `${name}="${escapeHtml(value)}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (CommonMark / GFM / MDX)

/**
 * ASCII punctuation that could start markup inside link text or image alt text: \ ` * [ ] < > & (entities),
 * ~ (GFM strikethrough), | (GFM table cells), $ (GitHub math), { } (MDX expressions; also breaks Liquid's {{ }}).
 * `!` needs nothing: it only matters before `[`, which is escaped. CommonMark lets any ASCII punctuation be
 * backslash-escaped, so escaping is always safe.
 * `_` is handled separately (only where it could open or close emphasis).
 */
const MD_ESCAPE = new Set(['\\', '`', '*', '[', ']', '<', '>', '&', '~', '|', '$', '{', '}']);

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);

/**
 * Markdown link text / image alt text: markup characters backslash-escaped; `_` escaped unless it sits between two
 * letters/digits (intraword `_` never opens emphasis); tabs and line breaks become spaces (a blank line would end
 * the paragraph); bidi marks and U+2028/U+2029 become numeric character references; other controls U+FFFD.
 */
export function escapeMarkdownText(value: string): string {
  return mapChars(displayText(value).replace(/\r\n|[\r\n\t]/g, ' '), (ch, cp, next, prev) => {
    if (MD_ESCAPE.has(ch)) return '\\' + ch;
    if (ch === '_') return isWordChar(prev) && isWordChar(next) ? undefined : '\\_';
    if (cp === 0x2028 || cp === 0x2029 || isBidiControl(cp)) return `&#x${hex(cp)};`;
    return undefined;
  });
}

const MD_DESTINATION: Readonly<Record<string, string>> = { ' ': '%20', '<': '%3C', '>': '%3E' };

/**
 * A link destination in the plain (non-`<…>`) form, keeping the URL's bytes: spaces and `< >` (never valid in a
 * URL) percent-encoded, parentheses and backslashes backslash-escaped (CommonMark reads `\(` as `(`), and `&` before
 * something entity-like (`&amp;`, `&#60;`: destinations decode entities) backslash-escaped, so a signed URL's
 * signature is not disturbed. URLs with controls are rejected earlier (see `checkUrl`).
 */
export function markdownDestination(url: string): string {
  return url.replace(/[ <>()\\]|&(?=[#A-Za-z0-9]+;)/g, (ch) => MD_DESTINATION[ch] ?? '\\' + ch);
}

/** A link title `"…"`: `\ " &` backslash-escaped (titles decode escapes and entities), line breaks as spaces. */
export function markdownTitle(value: string): string {
  const body = mapChars(displayText(value).replace(/\r\n|[\r\n\t]/g, ' '), (ch, cp) => {
    if (ch === '\\' || ch === '"' || ch === '&') return '\\' + ch;
    if (cp === 0x2028 || cp === 0x2029 || isBidiControl(cp)) return `&#x${hex(cp)};`;
    return undefined;
  });
  return `"${body}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// CSS

/** Body of a CSS string: `\` and the quote backslash-escaped; unsafe characters as `\hex ` (NUL/surrogates as U+FFFD). */
export function cssStringBody(value: string, quote: string): string {
  return mapChars(value, (ch, cp) => {
    if (ch === '\\' || ch === quote) return '\\' + ch;
    if (isUnsafe(cp)) return '\\' + hex(cp === 0 || isLoneSurrogate(cp) ? 0xfffd : cp) + ' ';
    return undefined;
  });
}

/** `url("…")` (or `url('…')`), the quoted form, which can hold any URL. */
export function cssUrl(url: string, quote: '"' | "'" = '"'): string {
  return `url(${quote}${cssStringBody(url, quote)}${quote})`;
}
