// JSX attribute values. Pure; no vscode import.
//
// A JSX string attribute (`alt="…"`) has no escapes at all: it cannot hold `"`, its backslashes are literal, and
// Babel, TypeScript and esbuild decode HTML entities (`&amp;`, `&#123;` …) in it. So a value is written as a plain
// string attribute only when it reads back unchanged (no `"`, `\`, `{`, `}`, `<`, `>`, nothing entity-like
// `&…;`, no controls, line breaks or bidi marks); otherwise as an expression container `{"…"}` holding a
// JavaScript string literal, which React renders as text whatever it contains.

import { JS } from './strings';
import { displayText, hasUnsafe } from './text';

const JSX_UNSAFE = /["\\{}<>]|&[#A-Za-z0-9]+;/;

/** The attribute value part: `"plain"` or `{"escaped"}`. Controls and lone surrogates become U+FFFD (as in HTML). */
export function jsxAttributeValue(value: string): string {
  const text = displayText(value);
  if (!JSX_UNSAFE.test(text) && !hasUnsafe(text)) return `"${text}"`;
  return `{${JS.literal(text, '"')}}`;
}

/** `name="value"` or `name={"value"}`. */
export function jsxAttribute(name: string, value: string): string {
  return `${name}=${jsxAttributeValue(value)}`;
}
