import * as vscode from 'vscode';
import type { App } from '../app';
import { resolveFiles } from './fileArgs';
import { targetTextEditor } from './targetEditor';

/** Documents that are edited without a file system behind them: new untitled files and notebook cells. */
const EDITABLE_WITHOUT_FILE_SYSTEM = new Set(['untitled', 'vscode-notebook-cell', 'vscode-interactive-input']);

/**
 * A document nobody can save: its file system is read-only, or it has none (content-provider documents such as
 * git history or generated views). VS Code would still apply an API edit to those, so this must be checked first.
 */
function isReadOnly(document: vscode.TextDocument): boolean {
  const scheme = document.uri.scheme;
  const writable = vscode.workspace.fs.isWritableFileSystem(scheme);
  return writable === false || (writable === undefined && !EDITABLE_WITHOUT_FILE_SYSTEM.has(scheme));
}

/**
 * The editor to insert into (see targetEditor.ts), or undefined after telling the user why there is none:
 * no text editor is open, or the document is read-only.
 */
export async function writableTargetEditor(): Promise<vscode.TextEditor | undefined> {
  const editor = await targetTextEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a text editor first: VideoGen inserts at its cursors.'));
    return undefined;
  }
  if (isReadOnly(editor.document)) {
    showReadOnly(editor);
    return undefined;
  }
  return editor;
}

function showReadOnly(editor: vscode.TextEditor): void {
  const name = vscode.workspace.asRelativePath(editor.document.uri);
  void vscode.window.showWarningMessage(vscode.l10n.t('Nothing was inserted: {0} is read-only.', name));
}

function indentationAt(document: vscode.TextDocument, position: vscode.Position): string {
  return /^[ \t]*/.exec(document.lineAt(position.line).text)![0];
}

/**
 * Inserts `pieces` at every selection of `editor` in one edit (one undo step), replacing selected text.
 * One piece per selection when their counts match (like VS Code's multi-cursor paste, in document order) unless
 * `spread` is false; otherwise every selection gets all pieces, one per line, each line indented like the
 * cursor's line. Resolves false, after saying so, when the editor refused the edit (read-only editor).
 */
export async function insertAtSelections(editor: vscode.TextEditor, pieces: readonly string[], { spread: allowSpread = true } = {}): Promise<boolean> {
  const document = editor.document;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const selections = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const spread = allowSpread && pieces.length > 1 && pieces.length === selections.length;
  const textAt = (selection: vscode.Selection, index: number): string =>
    spread ? pieces[index]! : pieces.join(eol + indentationAt(document, selection.start));
  const texts = selections.map(textAt);
  const offsets = selections.map((s): [number, number] => [document.offsetAt(s.start), document.offsetAt(s.end)]);
  const applied = await editor.edit((builder) => selections.forEach((s, i) => builder.replace(s, texts[i]!)));
  if (!applied) {
    showReadOnly(editor);
    return false;
  }
  editor.selections = cursorsAfter(document, offsets, texts);
  return true;
}

/**
 * A cursor right after each inserted text, as after typing or pasting (an API edit would otherwise leave
 * replaced text selected). `offsets` are the replaced ranges before the edit, in document order: each one
 * shifts by what the edits before it added or removed.
 */
function cursorsAfter(document: vscode.TextDocument, offsets: readonly [number, number][], texts: readonly string[]): vscode.Selection[] {
  let shift = 0;
  return offsets.map(([start, end], i) => {
    const cursor = document.positionAt(start + shift + texts[i]!.length);
    shift += texts[i]!.length - (end - start);
    return new vscode.Selection(cursor, cursor);
  });
}

/**
 * `videogen.insertFileId`: the IDs of the resolved files at every cursor of the target editor (the active
 * text editor, else the last one; see targetEditor.ts). Resolves the inserted text, or undefined.
 */
export async function insertFileIds(app: App, args: readonly unknown[]): Promise<string | undefined> {
  const editor = await writableTargetEditor();
  if (!editor) return undefined;
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Insert File ID') });
  if (files.length === 0) return undefined;
  const ids = files.map((file) => file.fileId);
  if (!(await insertAtSelections(editor, ids))) return undefined;
  await app.remembered.noteInserted(ids);
  return ids.join('\n');
}
