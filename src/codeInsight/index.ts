// Code insight for VideoGen references in any text: hovers, Ctrl/Cmd-click links and dead-reference warnings with
// a "Replace with…" quick fix. Registering costs nothing; each provider works when VS Code asks it.

import * as vscode from 'vscode';
import type { App } from '../app';
import { ReferenceDiagnostics } from './diagnostics';
import { DOCUMENT_SELECTOR } from './documents';
import { ReferenceHoverProvider } from './hover';
import { ReferenceLinkProvider } from './links';
import { ReplaceReferenceActions } from './quickFix';

export { REPLACE_REFERENCE_COMMAND, replaceFileReference } from './quickFix';

export function registerCodeInsight(app: App): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new ReferenceHoverProvider(app)),
    vscode.languages.registerDocumentLinkProvider(DOCUMENT_SELECTOR, new ReferenceLinkProvider()),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new ReplaceReferenceActions(), ReplaceReferenceActions.metadata),
    new ReferenceDiagnostics(app),
  );
}
