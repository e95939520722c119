// String-literal quoting per VS Code language id. Pure; no vscode import.
//
// Every dialect produces a literal whose *value*, as the language reads it, is exactly the input; characters the
// language cannot hold are replaced by U+FFFD and documented per dialect (lone surrogates in UTF-8-only
// languages, NUL in shell). Line breaks, other controls, U+2028/U+2029, bidi marks and lone surrogates are always
// written as escapes, never raw ("Trojan Source" safe). Dialects whose preferred quote cannot hold such a character
// (single-quoted PHP/Ruby/YAML/PowerShell/shell, Go raw strings) switch to their escape-capable form.

import { cssStringBody, escapeHtml } from './markup';
import { hasUnsafe, hex, isLoneSurrogate, isUnsafe, mapChars, utf8Bytes } from './text';

export type Quote = '"' | "'" | '`';

export interface StringDialect {
  readonly id: string;
  /** Quotes the language accepts for a plain string literal; the first is the default. */
  readonly quotes: readonly Quote[];
  /** A literal for `value` using `quote` (one of `quotes`); may pick another form when `quote` cannot hold the value. */
  literal(value: string, quote: Quote): string;
}

type Named = Readonly<Record<number, string>>;

/** Backslash-escaping core shared by the C-family dialects. `fallback` writes an unsafe code point. */
function backslash(
  value: string,
  quote: string,
  named: Named,
  fallback: (cp: number) => string,
  extra?: (ch: string, next: string | undefined, prev: string | undefined) => string | undefined,
): string {
  const body = mapChars(value, (ch, cp, next, prev) => {
    if (ch === '\\') return '\\\\';
    if (ch === quote) return '\\' + quote;
    const special = extra?.(ch, next, prev);
    if (special !== undefined) return special;
    const n = named[cp];
    if (n !== undefined) return n;
    if (isUnsafe(cp)) return fallback(cp);
    return undefined;
  });
  return quote + body + quote;
}

const U4 = (cp: number): string => '\\u' + hex(cp, 4);
const UBRACE = (cp: number): string => '\\u{' + hex(cp) + '}';
const OCTAL = (cp: number): string => '\\' + cp.toString(8).padStart(3, '0');
const REPLACEMENT = 0xfffd;
/** For languages whose strings are UTF-8 (or must be valid Unicode): a lone surrogate cannot be written. */
const noSurrogate = (f: (cp: number) => string) => (cp: number): string => f(isLoneSurrogate(cp) ? REPLACEMENT : cp);

const C_NAMED: Named = { 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r' };
const JS_NAMED: Named = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r' };
const JSON_NAMED: Named = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };
const BASIC_NAMED: Named = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/** JavaScript/TypeScript: `"`, `'` or a template literal (`` ` ``, with `${` escaped). */
export const JS: StringDialect = {
  id: 'javascript',
  quotes: ['"', "'", '`'],
  literal: (value, quote) =>
    backslash(value, quote, JS_NAMED, (cp) => (cp <= 0xff ? '\\x' + hex(cp, 2) : U4(cp)), (ch, next) =>
      quote === '`' && ch === '$' && next === '{' ? '\\$' : undefined,
    ),
};

/** JSON: double quotes only; `\uXXXX` for everything without a short escape. JSON.parse round-trips it. */
export const JSON_DIALECT: StringDialect = {
  id: 'json',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', JSON_NAMED, U4),
};

/** Python 3 str literal (no prefix): `\xhh` / `\uhhhh`; lone surrogates are legal in Python str. */
export const PYTHON: StringDialect = {
  id: 'python',
  quotes: ['"', "'"],
  literal: (value, quote) => backslash(value, quote, BASIC_NAMED, (cp) => (cp <= 0xff ? '\\x' + hex(cp, 2) : U4(cp))),
};

/** Go interpreted string (`\x` is a byte in Go, so only below 0x80), or a raw string when it can hold the value. */
export const GO: StringDialect = {
  id: 'go',
  quotes: ['"', '`'],
  literal: (value, quote) => {
    // Raw strings have no escapes, drop CR, and cannot contain a backtick.
    if (quote === '`' && !value.includes('`') && !hasUnsafe(value)) return '`' + value + '`';
    return backslash(value, '"', C_NAMED, noSurrogate((cp) => (cp < 0x80 ? '\\x' + hex(cp, 2) : U4(cp))));
  },
};

/** Rust string literal: `\u{…}` for everything without a short escape; no surrogates in Rust strings. */
export const RUST: StringDialect = {
  id: 'rust',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', { ...BASIC_NAMED, 0x00: '\\0' }, noSurrogate(UBRACE)),
};

/**
 * Java: javac turns `\uXXXX` into characters *before* lexing, so `\u000a` or `\u0022` inside a literal would break
 * it. Characters up to U+00FF are written as octal escapes; only code points above that use `\uXXXX`.
 */
export const JAVA: StringDialect = {
  id: 'java',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', JSON_NAMED, (cp) => (cp <= 0xff ? OCTAL(cp) : U4(cp))),
};

/** C#: U+0085/U+2028/U+2029 are line terminators there, so they are always escaped (`\uXXXX`, never the greedy `\x`). */
export const CSHARP: StringDialect = {
  id: 'csharp',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', { ...C_NAMED, 0x00: '\\0' }, U4),
};

/** Kotlin: `$` starts a template, so it is escaped. */
export const KOTLIN: StringDialect = {
  id: 'kotlin',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', { ...BASIC_NAMED, 0x08: '\\b' }, U4, (ch) => (ch === '$' ? '\\$' : undefined)),
};

/** Swift: `\u{…}`; `\(` interpolation is impossible since every backslash is doubled. */
export const SWIFT: StringDialect = {
  id: 'swift',
  quotes: ['"'],
  literal: (value) => backslash(value, '"', { ...BASIC_NAMED, 0x00: '\\0' }, noSurrogate(UBRACE)),
};

/** Dart: single quotes preferred (Effective Dart); `$` escaped. */
export const DART: StringDialect = {
  id: 'dart',
  quotes: ["'", '"'],
  literal: (value, quote) =>
    backslash(value, quote, JS_NAMED, noSurrogate(UBRACE), (ch) => (ch === '$' ? '\\$' : undefined)),
};

/**
 * C/C++/Objective-C narrow string: octal escapes (never the greedy `\x`); unsafe code points ≥ 0x80 as their UTF-8
 * bytes (UTF-8 execution character set assumed; C forbids `\u` below U+00A0); `?` after `?` escaped against trigraphs.
 */
export const C: StringDialect = {
  id: 'c',
  quotes: ['"'],
  literal: (value) =>
    backslash(
      value,
      '"',
      C_NAMED,
      (cp) => utf8Bytes(cp).map(OCTAL).join(''),
      // Trigraphs (??=, ??/ …) are replaced before escapes are read: break every "??" pair.
      (ch, _next, prev) => (ch === '?' && prev === '?' ? '\\?' : undefined),
    ),
};

/** PHP: single quotes (no interpolation) unless the value needs escapes; double quotes escape `$`. */
export const PHP: StringDialect = {
  id: 'php',
  quotes: ["'", '"'],
  literal: (value, quote) => {
    if (quote === "'" && !hasUnsafe(value)) return singleWithBackslash(value);
    return backslash(
      value,
      '"',
      { ...BASIC_NAMED, 0x0b: '\\v', 0x0c: '\\f', 0x1b: '\\e' },
      noSurrogate((cp) => (cp < 0x80 ? '\\x' + hex(cp, 2) : UBRACE(cp))),
      (ch) => (ch === '$' ? '\\$' : undefined),
    );
  },
};

/** Ruby: single quotes (literal) unless the value needs escapes; double quotes escape `#` (interpolation). */
export const RUBY: StringDialect = {
  id: 'ruby',
  quotes: ["'", '"'],
  literal: (value, quote) => {
    if (quote === "'" && !hasUnsafe(value)) return singleWithBackslash(value);
    return backslash(value, '"', { ...C_NAMED, 0x1b: '\\e' }, noSurrogate(UBRACE), (ch) => (ch === '#' ? '\\#' : undefined));
  },
};

/** `'…'` where only `\\` and `\'` are escapes (PHP, Ruby). */
function singleWithBackslash(value: string): string {
  return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

/**
 * POSIX shell: `'…'` (nothing expands; `'` written as `'\''`), `"…"` with `\ " $ `` ` `` escaped, or — when the
 * value holds controls or other unsafe characters — bash/zsh/ksh ANSI-C quoting `$'…'`. Shell strings cannot hold NUL:
 * it becomes U+FFFD.
 */
export const SHELL: StringDialect = {
  id: 'shellscript',
  quotes: ["'", '"'],
  literal: (value, quote) => {
    if (hasUnsafe(value)) {
      return (
        '$' +
        backslash(
          value,
          "'",
          { ...C_NAMED, 0x1b: '\\e' },
          noSurrogate((cp) => (cp === 0 ? U4(REPLACEMENT) : cp < 0x80 ? '\\x' + hex(cp, 2) : U4(cp))),
        )
      );
    }
    if (quote === '"') return '"' + value.replace(/[\\"$`]/g, (c) => '\\' + c) + '"';
    return "'" + value.replace(/'/g, "'\\''") + "'";
  },
};

/** YAML: double-quoted scalar (full escapes: `\xhh` is a code point there) or single-quoted (`''`) when it can hold the value. */
export const YAML: StringDialect = {
  id: 'yaml',
  quotes: ['"', "'"],
  literal: (value, quote) => {
    if (quote === "'" && !hasUnsafe(value)) return "'" + value.replace(/'/g, "''") + "'";
    return backslash(
      value,
      '"',
      { ...C_NAMED, 0x00: '\\0', 0x1b: '\\e' },
      noSurrogate((cp) => (cp <= 0xff ? '\\x' + hex(cp, 2) : U4(cp))),
    );
  },
};

/** SQL standard string: `'` doubled; SQL has no portable escapes, other characters stay as they are. */
export const SQL: StringDialect = {
  id: 'sql',
  quotes: ["'"],
  literal: (value) =>
    "'" + mapChars(value, (ch, cp) => (ch === "'" ? "''" : isLoneSurrogate(cp) ? '\ufffd' : undefined)) + "'",
};

const PS_SINGLE = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const PS_DOUBLE = new Set(['"', '\u201c', '\u201d', '\u201e']);
const PS_NAMED: Named = { 0x00: '`0', 0x07: '`a', 0x08: '`b', 0x09: '`t', 0x0a: '`n', 0x0b: '`v', 0x0c: '`f', 0x0d: '`r', 0x1b: '`e' };

/**
 * PowerShell: `'…'` (typographic single quotes are quotes too, all doubled) or, for values with controls,
 * `"…"` with backtick escapes (`` `u{…} `` needs PowerShell 6+).
 */
export const POWERSHELL: StringDialect = {
  id: 'powershell',
  quotes: ["'", '"'],
  literal: (value, quote) => {
    if (quote === "'" && !hasUnsafe(value)) return "'" + mapChars(value, (ch) => (PS_SINGLE.has(ch) ? ch + ch : undefined)) + "'";
    return (
      '"' +
      mapChars(value, (ch, cp) => {
        if (ch === '`' || ch === '$' || PS_DOUBLE.has(ch)) return '`' + ch;
        const n = PS_NAMED[cp];
        if (n !== undefined) return n;
        if (isUnsafe(cp)) return '`u{' + hex(isLoneSurrogate(cp) ? REPLACEMENT : cp) + '}';
        return undefined;
      }) +
      '"'
    );
  },
};

/** CSS string: `\` + quote escaped; other unsafe characters as `\hex ` (NUL and surrogates as U+FFFD, as CSS reads them). */
export const CSS: StringDialect = {
  id: 'css',
  quotes: ['"', "'"],
  literal: (value, quote) => quote + cssStringBody(value, quote) + quote,
};

/** HTML/XML attribute value (entity-escaped; see escapeHtml). */
export const HTML: StringDialect = {
  id: 'html',
  quotes: ['"', "'"],
  literal: (value, quote) => quote + escapeHtml(value) + quote,
};

/** Fallback for languages without a dialect (plain text, Markdown, unknown): C-style `"…"` with `\uXXXX`. */
export const GENERIC: StringDialect = {
  id: 'generic',
  quotes: ['"', "'"],
  literal: (value, quote) => backslash(value, quote, BASIC_NAMED, U4),
};

const BY_LANGUAGE: ReadonlyMap<string, StringDialect> = new Map(
  (
    [
      [JS, ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'vue', 'svelte', 'astro', 'mdx']],
      [JSON_DIALECT, ['json', 'jsonc', 'json5', 'jsonl']],
      [PYTHON, ['python']],
      [GO, ['go']],
      [RUST, ['rust']],
      [JAVA, ['java']],
      [CSHARP, ['csharp']],
      [KOTLIN, ['kotlin']],
      [SWIFT, ['swift']],
      [DART, ['dart']],
      [C, ['c', 'cpp', 'objective-c', 'objective-cpp', 'cuda-cpp']],
      [PHP, ['php']],
      [RUBY, ['ruby']],
      [SHELL, ['shellscript']],
      [YAML, ['yaml', 'dockercompose', 'github-actions-workflow']],
      [SQL, ['sql']],
      [POWERSHELL, ['powershell']],
      [CSS, ['css', 'scss', 'less', 'sass', 'stylus', 'postcss']],
      [
        HTML,
        ['html', 'xml', 'xsl', 'handlebars', 'razor', 'aspnetcorerazor', 'django-html', 'jinja-html', 'jinja', 'erb', 'twig', 'nunjucks', 'liquid', 'ejs'],
      ],
    ] as const
  ).flatMap(([dialect, ids]) => ids.map((id) => [id, dialect] as const)),
);

export function stringDialectFor(languageId: string): StringDialect {
  return BY_LANGUAGE.get(languageId) ?? GENERIC;
}

/** The quotes `languageId` accepts, default first. */
export function supportedQuotes(languageId: string): readonly Quote[] {
  return stringDialectFor(languageId).quotes;
}

/**
 * `value` as a string literal of `languageId`. `quote` is a preference (e.g. from `typescript.preferences.quoteStyle`):
 * ignored when the language does not accept it.
 */
export function quoteString(value: string, languageId: string, quote?: Quote): string {
  const dialect = stringDialectFor(languageId);
  const q = quote !== undefined && dialect.quotes.includes(quote) ? quote : dialect.quotes[0]!;
  return dialect.literal(value, q);
}
