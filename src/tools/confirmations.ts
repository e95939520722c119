import * as vscode from 'vscode';

/** A confirmation a tool asks VS Code to show before it runs (VS Code's own Continue / Cancel). */
export interface ToolConfirmation {
  readonly tool: string;
  readonly title: string;
  /** The message as plain text (what the user reads). */
  readonly message: string;
}

let recordForTests: ((confirmation: ToolConfirmation) => void) | undefined;

/**
 * The `confirmationMessages` of a tool's `prepareInvocation`. The message is text, never Markdown syntax: file names
 * from the API and document paths are appended as text, so `<img onerror>` or `[x](command:…)` stay letters.
 */
export function confirmation(tool: string, title: string, message: string): vscode.LanguageModelToolConfirmationMessages | undefined {
  if (recordForTests) {
    recordForTests({ tool, title, message });
    return undefined;
  }
  return { title, message: new vscode.MarkdownString().appendText(message) };
}

/**
 * Integration tests only (reached through src/testHooks.ts, which exists in ExtensionMode.Test alone): outside a chat,
 * VS Code asks a tool's confirmation in a modal dialog, which the extension host cannot click. While this is active
 * the confirmation is handed to `record` instead and the invocation goes ahead, as after Continue. Dispose to restore.
 */
export function recordToolConfirmationsForTests(record: (confirmation: ToolConfirmation) => void): vscode.Disposable {
  recordForTests = record;
  return new vscode.Disposable(() => {
    if (recordForTests === record) recordForTests = undefined;
  });
}
