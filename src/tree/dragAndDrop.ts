import * as vscode from 'vscode';
import type { UploadItem } from '../upload';
import { isFileNode, type TreeNode } from './nodes';

/** The files dropped on the view, to be uploaded. */
export type DropUploader = (items: UploadItem[]) => unknown;

/**
 * Dragging files into a text editor (hold Shift while dropping, VS Code's drop-into-editor gesture) inserts
 * their file IDs, one per line. Files dropped on the view from the Explorer or the OS are uploaded.
 *
 * Only `text/plain` is offered, on purpose. VS Code puts every declared drag type on the native drag data
 * (empty), and its built-in "Insert Plain Text" drop provider stands aside whenever `text/uri-list` is
 * present, while the uri-list providers would turn a bare `vg_file_…` into a path such as `/vg_file_…`.
 * A file ID is not a URI the editor could open either, so a `text/uri-list` could only hurt.
 */
export class FilesDragAndDropController implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = ['text/plain'];
  /** `files`: VS Code's type for files from the OS that have no URI the extension host can read (a browser drop). */
  readonly dropMimeTypes: readonly string[];

  constructor(private readonly upload?: DropUploader) {
    this.dropMimeTypes = upload ? ['text/uri-list', 'files'] : [];
  }

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = source.filter(isFileNode).map((node) => node.file.fileId);
    if (ids.length > 0) dataTransfer.set('text/plain', new vscode.DataTransferItem(ids.join('\n')));
  }

  async handleDrop(_target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    if (!this.upload) return;
    const items = await droppedFiles(dataTransfer);
    if (token.isCancellationRequested || items.length === 0) return;
    this.upload(items);
  }
}

/** The dropped files: every URI of the `text/uri-list`, then dropped files that have no URI (their bytes). */
export async function droppedFiles(dataTransfer: vscode.DataTransfer): Promise<UploadItem[]> {
  const uris = parseUriList((await dataTransfer.get('text/uri-list')?.asString()) ?? '');
  const known = new Set(uris.map((uri) => uri.toString()));
  const items: UploadItem[] = [...uris];
  const files: vscode.DataTransferFile[] = [];
  dataTransfer.forEach((item) => {
    const file = item.asFile();
    if (file) files.push(file);
  });
  for (const file of files) {
    if (file.uri) {
      const uri = hostUri(file.uri);
      if (!known.has(uri.toString())) items.push(uri);
      known.add(uri.toString());
    } else {
      items.push({ name: file.name, bytes: await file.data(), mimeType: '' });
    }
  }
  return items;
}

/** RFC 2483: one URI per line, `#` lines are comments. */
function parseUriList(text: string): vscode.Uri[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => {
      try {
        return [hostUri(vscode.Uri.parse(line, true))];
      } catch {
        return [];
      }
    });
}

/**
 * A remote window's Explorer names its files `vscode-remote://<authority>/path`; the extension host runs on that
 * remote, where the same file is `file:///path` (the uri-list is text, so VS Code does not translate it).
 */
function hostUri(uri: vscode.Uri): vscode.Uri {
  return uri.scheme === 'vscode-remote' ? vscode.Uri.file(uri.path) : uri;
}
