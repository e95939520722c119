// When pasting or dropping into an editor offers "Upload to VideoGen and insert reference", and what the pasted
// things are called. Pure; no vscode import (src/paste/providers.ts applies these).

import { extensionForMime } from '../files/mediaTypes';

/**
 * The paste and drop kind of our edit. Users make it the default with `"editor.pasteAs.preferences":
 * ["videogen.upload"]` and `"editor.dropIntoEditor.preferences": ["videogen.upload"]`.
 */
export const UPLOAD_KIND = 'videogen.upload';

/** Whether kind `outer` contains kind `inner` (VS Code's hierarchical kinds: `a` contains `a` and `a.b`). */
function kindContains(outer: string, inner: string): boolean {
  return outer === inner || inner.startsWith(outer + '.');
}

/**
 * Whether the user's `editor.pasteAs.preferences` / `editor.dropIntoEditor.preferences` make our kind the default:
 * VS Code applies the first edit that the first matching entry names, so our kind must be named by the first entry.
 * An empty entry ('' would match every kind) is no choice of ours.
 */
export function isPreferredKind(preferences: unknown, kind = UPLOAD_KIND): boolean {
  if (!Array.isArray(preferences)) return false;
  const first = preferences.find((entry): entry is string => typeof entry === 'string' && entry.trim() !== '');
  return first !== undefined && kindContains(first.trim(), kind);
}

/** Whether an explicit "Paste As" request (`context.only`) asks for our kind. */
export function isRequestedKind(only: string | undefined, kind = UPLOAD_KIND): boolean {
  return only !== undefined && only !== '' && kindContains(only, kind);
}

export interface InlinePasteContext {
  /** The MIME types on the clipboard. */
  mimeTypes: readonly string[];
  /** Our kind is the user's paste preference. */
  preferred: boolean;
}

/**
 * A normal paste (Ctrl+V) applies the first edit on offer at once. Ours must never be the one applied unasked, since
 * it sends the clipboard to the cloud: it is offered only beside an edit VS Code always has for the clipboard —
 * its plain-text paste (text/plain) or its file paths (text/uri-list) — or when the user made it the default.
 * An image alone (a screenshot) has no such edit everywhere (not even in Markdown on every VS Code), so it gets
 * ours through "Paste As…" with our kind, or by preference.
 */
export function offersInlinePaste({ mimeTypes, preferred }: InlinePasteContext): boolean {
  if (preferred) return true;
  const types = mimeTypes.map((type) => type.toLowerCase());
  return types.includes('text/plain') || types.includes('text/uri-list');
}

/** The URIs of a `text/uri-list` (RFC 2483: one per line, `#` lines are comments). */
export function parseUriList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The display name of pasted bytes: the name the clipboard gave (screenshots are often "image.png"), else
 * "image" with the extension of its MIME type. The name carries the type for the upload's checks.
 */
export function pastedFileName(name: string | undefined, mimeType: string): string {
  const given = name?.trim() ?? '';
  if (given !== '') return given;
  const subtype = mimeType.split(';')[0]!.trim().toLowerCase().split('/')[1] ?? '';
  const extension = extensionForMime(mimeType) ?? subtype.split('+')[0]!.replace(/[^a-z0-9]/g, '');
  return extension === '' ? 'image' : `image.${extension}`;
}
