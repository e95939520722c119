// Which documents code insight reads: the user's own text (files, untitled buffers, notebook cells), not VS Code's
// output channels, git's historic versions or settings; and nothing huge (a 1 MB minified bundle is not source).

import type * as vscode from 'vscode';

/** The schemes hovers, links and checks serve. */
export const INSIGHT_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell'] as const;

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = INSIGHT_SCHEMES.map((scheme) => ({ scheme }));

/** Characters beyond which a document is left alone (about 1 MB of text). */
export const MAX_DOCUMENT_LENGTH = 1_000_000;

/** The document's length without building its text. */
export function isTooLarge(document: vscode.TextDocument): boolean {
  if (document.lineCount === 0) return false;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > MAX_DOCUMENT_LENGTH;
}

export function isCheckable(document: vscode.TextDocument): boolean {
  return (INSIGHT_SCHEMES as readonly string[]).includes(document.uri.scheme) && !isTooLarge(document);
}
