// "Replace with…" on a dead reference: the file picker chooses another file of the library, and its id replaces the
// dead one in one undoable edit, provided the text still holds that id where the warning was.

import * as vscode from 'vscode';
import type { App } from '../app';
import { pickFile } from '../commands/pickFile';
import { findFileIdsAt, isFileId } from '../files/fileRefs';
import { isOurDiagnostic } from './diagnostics';

export const REPLACE_REFERENCE_COMMAND = 'videogen.replaceFileReference';

export class ReplaceReferenceActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.filter(isOurDiagnostic).map((diagnostic) => {
      const fileId = document.getText(diagnostic.range);
      const action = new vscode.CodeAction(vscode.l10n.t('Replace with…'), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = { command: REPLACE_REFERENCE_COMMAND, title: vscode.l10n.t('Replace with…'), arguments: [document.uri, diagnostic.range, fileId] };
      return action;
    });
  }
}

/**
 * `videogen.replaceFileReference` (uri, range, fileId): picks a file and puts its id where `fileId` is. Resolves
 * whether the document was changed.
 */
export async function replaceFileReference(app: App, args: readonly unknown[]): Promise<boolean> {
  const [uriArg, rangeArg, fileId] = args;
  const uri = toUri(uriArg);
  const range = toRange(rangeArg);
  if (!uri || !range || typeof fileId !== 'string' || !isFileId(fileId)) throw new Error(vscode.l10n.t('Replace with… needs a document, a range and a file ID.'));
  const file = await pickFile(app, { title: vscode.l10n.t('Replace {0} with…', fileId), placeholder: vscode.l10n.t('Type to search your VideoGen library by meaning') });
  if (!file) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const target = stillHolding(document, range, fileId);
  if (!target) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer where it was: nothing was replaced.', fileId));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, target, file.fileId);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) void app.remembered.noteInserted([file.fileId]);
  return applied;
}

/** The range of `fileId`: where it was, or, when the line was edited meanwhile, its one occurrence on that line. */
function stillHolding(document: vscode.TextDocument, range: vscode.Range, fileId: string): vscode.Range | undefined {
  const validated = document.validateRange(range);
  if (document.getText(validated) === fileId) return validated;
  if (range.start.line >= document.lineCount) return undefined;
  const onLine = findFileIdsAt(document.lineAt(range.start.line).text).filter((id) => id.fileId === fileId);
  if (onLine.length !== 1) return undefined;
  return new vscode.Range(range.start.line, onLine[0]!.start, range.start.line, onLine[0]!.end);
}

/** A Range, or the plain `{start, end}` shape a Range has after crossing a command boundary. */
function toRange(value: unknown): vscode.Range | undefined {
  if (value instanceof vscode.Range) return value;
  const plain = value as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | undefined;
  const numbers = [plain?.start?.line, plain?.start?.character, plain?.end?.line, plain?.end?.character];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return undefined;
  return new vscode.Range(numbers[0]!, numbers[1]!, numbers[2]!, numbers[3]!);
}

/** A Uri, its string, or the `{scheme, path…}` shape a Uri has after crossing a command boundary. */
function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return vscode.Uri.parse(value);
  const parts = value as Partial<Record<'scheme' | 'authority' | 'path' | 'query' | 'fragment', unknown>> | undefined;
  if (typeof parts?.scheme !== 'string' || typeof parts.path !== 'string') return undefined;
  const text = (part: unknown): string | undefined => (typeof part === 'string' ? part : undefined);
  return vscode.Uri.from({ scheme: parts.scheme, authority: text(parts.authority), path: parts.path, query: text(parts.query), fragment: text(parts.fragment) });
}
