import * as vscode from 'vscode';
import { isFileNode, type TreeNode } from './nodes';

/**
 * Dragging files into a text editor (hold Shift while dropping, VS Code's drop-into-editor gesture) inserts
 * their file IDs, one per line.
 *
 * Only `text/plain` is offered, on purpose. VS Code puts every declared drag type on the native drag data
 * (empty), and its built-in "Insert Plain Text" drop provider stands aside whenever `text/uri-list` is
 * present, while the uri-list providers would turn a bare `vg_file_…` into a path such as `/vg_file_…`.
 * A file ID is not a URI the editor could open either, so a `text/uri-list` could only hurt.
 */
export class FilesDragAndDropController implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = ['text/plain'];
  readonly dropMimeTypes: readonly string[] = [];

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = source.filter(isFileNode).map((node) => node.file.fileId);
    if (ids.length > 0) dataTransfer.set('text/plain', new vscode.DataTransferItem(ids.join('\n')));
  }
}
