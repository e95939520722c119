import * as vscode from 'vscode';

/**
 * Where "Insert File ID" / "Insert as…" write.
 *
 * `window.activeTextEditor` is undefined while a webview (the media preview) or another non-text editor is the
 * active editor, which is exactly when the preview's "Insert" button runs `videogen.insertFileId`. So this
 * module remembers the last text editor the user worked in (`window.onDidChangeActiveTextEditor`) and the
 * insert commands fall back to it. Output and debug-console documents are not tracked: nobody inserts there.
 *
 * `trackTextEditors()` is started with the commands (src/commands/table.ts); `targetTextEditor()` answers.
 */

const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-scm']);

let lastTextEditor: vscode.TextEditor | undefined;

function isInsertable(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return editor !== undefined && !IGNORED_SCHEMES.has(editor.document.uri.scheme);
}

export function trackTextEditors(): vscode.Disposable {
  if (isInsertable(vscode.window.activeTextEditor)) lastTextEditor = vscode.window.activeTextEditor;
  const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (isInsertable(editor)) lastTextEditor = editor;
  });
  return new vscode.Disposable(() => {
    subscription.dispose();
    lastTextEditor = undefined;
  });
}

/** Closing its tab means "not this one": the document itself may stay loaded for a while. */
function hasOpenTab(document: vscode.TextDocument): boolean {
  const uri = document.uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri),
  );
}

/**
 * The active text editor; else the last one, if its document is still open in a tab. A last editor that is no longer
 * visible (its tab is in the background, e.g. behind the preview) is brought back in its column, focused, so the
 * user sees the insertion; VS Code restores its selections. Undefined when there is no text editor at all.
 */
export async function targetTextEditor(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (isInsertable(active)) return active;
  const last = lastTextEditor;
  if (!last || last.document.isClosed || !hasOpenTab(last.document)) return undefined;
  const visible = vscode.window.visibleTextEditors;
  const shown = visible.find((e) => e === last) ?? visible.find((e) => e.document === last.document);
  if (shown) return shown;
  return vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn });
}

/**
 * The editor `targetTextEditor()` would pick, without bringing a background one forward: for wording a question
 * about the insert (a language-model tool's confirmation) before anything happens.
 */
export function peekTargetTextEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (isInsertable(active)) return active;
  const last = lastTextEditor;
  return last && !last.document.isClosed && hasOpenTab(last.document) ? last : undefined;
}
