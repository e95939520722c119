// Each `vg_file_…` id in a document is a Ctrl/Cmd-click link to its preview. A document link may target a
// `command:` URI: VS Code opens link targets with commands allowed, so the click runs "Open File by ID or URL"
// with the id (which opens the preview, and says plainly when the library has no such file).

import * as vscode from 'vscode';
import { linkableIds } from './references';
import { isTooLarge } from './documents';

export const OPEN_REFERENCE_COMMAND = 'videogen.openFileById';

export class ReferenceLinkProvider implements vscode.DocumentLinkProvider {
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    if (isTooLarge(document)) return [];
    return linkableIds(document.getText()).map(({ fileId, start, end }) => {
      const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
      const link = new vscode.DocumentLink(range, openReferenceUri(fileId));
      link.tooltip = vscode.l10n.t('Open VideoGen preview');
      return link;
    });
  }
}

export function openReferenceUri(fileId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_REFERENCE_COMMAND}?${encodeURIComponent(JSON.stringify([fileId]))}`);
}
