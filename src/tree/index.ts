import * as vscode from 'vscode';
import type { FilesView } from '../app';
import type { Services } from '../services';
import { FilesDragAndDropController, type DropUploader } from './dragAndDrop';
import type { TreeNode } from './nodes';
import { FILES_VIEW_ID, FilesTreeProvider } from './provider';

export { FILES_VIEW_ID, FilesTreeProvider } from './provider';
export type { FileNode, GroupNode, LoadMoreNode, TreeNode } from './nodes';

export interface FilesTree {
  view: FilesView;
  provider: FilesTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  disposable: vscode.Disposable;
}

/** Creates the Files view (`videogen.files`) with drag support and uploads of dropped files. */
export function registerFilesTree(services: Services, uploadDropped?: DropUploader): FilesTree {
  const provider = new FilesTreeProvider(services);
  const treeView = vscode.window.createTreeView(FILES_VIEW_ID, {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: new FilesDragAndDropController(uploadDropped),
  });
  provider.attach(treeView);
  const disposable = vscode.Disposable.from(treeView, provider);
  return { view: provider, provider, treeView, disposable };
}
