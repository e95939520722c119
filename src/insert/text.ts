// Character classes shared by the snippet escapers. Pure; no vscode import.

/** Bidirectional-formatting and invisible marks that can make source text read differently from what it is ("Trojan Source"). */
export function isBidiControl(cp: number): boolean {
  return (
    cp === 0x061c || // ARABIC LETTER MARK
    cp === 0x200e || // LEFT-TO-RIGHT MARK
    cp === 0x200f || // RIGHT-TO-LEFT MARK
    (cp >= 0x202a && cp <= 0x202e) || // LRE RLE PDF LRO RLO
    (cp >= 0x2066 && cp <= 0x2069) || // LRI RLI FSI PDI
    cp === 0xfeff // ZERO WIDTH NO-BREAK SPACE / BOM
  );
}

/** A lone UTF-16 surrogate (iterating a string by code points yields these only when unpaired). */
export function isLoneSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/** C0 controls, DEL and C1 controls. */
export function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/**
 * Characters that must never appear raw inside an inserted string literal: controls (incl. line breaks),
 * U+2028/U+2029 (line terminators in JS before ES2019 and in C#), bidi/invisible marks, lone surrogates.
 * Printable Unicode (letters, emoji, CJK, …) is never "unsafe".
 */
export function isUnsafe(cp: number): boolean {
  return isControl(cp) || cp === 0x2028 || cp === 0x2029 || isBidiControl(cp) || isLoneSurrogate(cp);
}

export function hasUnsafe(value: string): boolean {
  for (const ch of value) {
    if (isUnsafe(ch.codePointAt(0)!)) return true;
  }
  return false;
}

export function hex(cp: number, width = 0): string {
  return cp.toString(16).padStart(width, '0');
}

/**
 * Map every code point of `value` through `escape`; `undefined` keeps the character as it is.
 * Iterates by code point, so astral characters (emoji) arrive whole and lone surrogates arrive alone.
 */
export function mapChars(
  value: string,
  escape: (ch: string, cp: number, next: string | undefined, prev: string | undefined) => string | undefined,
): string {
  const chars = Array.from(value);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const replaced = escape(ch, ch.codePointAt(0)!, chars[i + 1], chars[i - 1]);
    out += replaced ?? ch;
  }
  return out;
}

/**
 * Text meant for display inside markup (HTML/JSX/Markdown): controls other than tab/CR/LF and lone surrogates
 * have no meaning in a display name and no valid markup form, so they become U+FFFD. Bidi marks are kept here
 * (legitimate in Hebrew/Arabic names); each markup escaper writes them as visible references.
 */
export function displayText(value: string): string {
  return mapChars(value, (_ch, cp) => {
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return undefined;
    if (isControl(cp) || isLoneSurrogate(cp)) return '\ufffd';
    return undefined;
  });
}

/** UTF-8 bytes of one code point (a lone surrogate is encoded as U+FFFD). */
export function utf8Bytes(cp: number): number[] {
  if (isLoneSurrogate(cp)) cp = 0xfffd;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}
