// Completion of VideoGen file ids in every language (README: "Completing file IDs").

import * as vscode from 'vscode';
import type { App } from '../app';
import { FileCompletionProvider } from './provider';

/** Files, untitled documents and notebook cells, of every language. */
const DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }];

/** `_` completes `vg_file_`: typed anywhere else, the provider answers nothing at once. */
const TRIGGER_CHARACTERS = ['_'];

/** Registers the provider; nothing runs until VS Code asks for completions. */
export function registerCompletion(app: App): vscode.Disposable {
  const provider = new FileCompletionProvider(app);
  return vscode.languages.registerCompletionItemProvider(DOCUMENTS, provider, ...TRIGGER_CHARACTERS);
}

/** An item was accepted: its file joins the workspace's recently inserted files. */
export function noteCompletionInserted(app: App, fileId: unknown): Promise<void> | undefined {
  return typeof fileId === 'string' ? app.remembered.noteInserted([fileId]) : undefined;
}
