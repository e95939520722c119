// Display names and descriptions come from the API and are hostile. These helpers make them safe for each UI
// surface: notifications (which turn `[label](command:…)` into clickable links), labels and status-bar text
// (which render `$(icon)`), and Markdown (tooltips, hovers). No vscode import.

import { isBidiControl, isControl, isLoneSurrogate } from '../insert/text';

const MAX_NAME_LENGTH = 60;
const ZERO_WIDTH_SPACE = '\u200b';

/** One line, no controls or bidi overrides, at most 60 characters. */
function oneLine(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isControl(cp) || cp === 0x2028 || cp === 0x2029) out += ' ';
    else if (isLoneSurrogate(cp)) out += '\ufffd';
    else if (!isBidiControl(cp)) out += ch;
  }
  const chars = Array.from(out.replace(/\s+/g, ' ').trim());
  return chars.length > MAX_NAME_LENGTH ? `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…` : chars.join('');
}

/**
 * A short API string that may land in a label or a notification: one line, and a zero-width space breaks both
 * `$(icon)` and `[label](link)` syntax without showing anything.
 */
export function inertText(text: string): string {
  return oneLine(text).replace(/\$\(/g, `$${ZERO_WIDTH_SPACE}(`).replace(/\]/g, `]${ZERO_WIDTH_SPACE}`);
}

/** A file name for `showInformationMessage` and friends, in typographic quotes: a name never becomes a link. */
export function quotedName(name: string): string {
  return `“${inertText(name) || '…'}”`;
}

/** Text shown where `$(name)` renders an icon (quick pick labels and details): `$(` is escaped, visibly unchanged. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** A file name for a quick pick label: one line, icons escaped. */
export function labelName(name: string): string {
  return escapeIcons(oneLine(name)) || '…';
}

/** A file name for the status bar, in quotes. */
export function quotedLabelName(name: string): string {
  return `“${labelName(name)}”`;
}

/**
 * ASCII punctuation that Markdown, the renderer's autolinker (`https:`, `www.`), theme icons (`$(`) or HTML give a
 * meaning to. Each becomes a numeric character reference: it renders as itself, never as syntax, and unlike a
 * backslash escape it cannot end up inside an autolinked URL.
 */
const MARKDOWN_SIGNIFICANT = /[\\`*_{}[\]()#+\-.!|<>&:~$"'=@%/]/g;

/** API text as Markdown source that renders literally, on one paragraph per line. */
export function untrustedMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_SIGNIFICANT, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[ \t]+/g, ' ')
    .replace(/\r\n?|\n/g, '\n\n');
}
