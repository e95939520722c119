import * as vscode from 'vscode';
import type { FilesView } from '../app';
import type { Services } from '../services';
import { FilesDragAndDropController, type DropUploader } from './dragAndDrop';
import { createImageFetcher } from './mediaFetch';
import type { TreeNode } from './nodes';
import { FILES_VIEW_ID, FilesTreeProvider } from './provider';
import { ThumbnailCache } from './thumbnails';

export { FILES_VIEW_ID, FilesTreeProvider } from './provider';
export type { FileNode, GroupNode, LoadMoreNode, TreeNode } from './nodes';

export interface FilesTree {
  view: FilesView;
  provider: FilesTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  disposable: vscode.Disposable;
}

/** Creates the Files view (`videogen.files`) with its thumbnail cache, drag support, and uploads of dropped files. */
export function registerFilesTree(services: Services, uploadDropped?: DropUploader): FilesTree {
  const thumbnails = new ThumbnailCache({
    directory: vscode.Uri.joinPath(services.context.globalStorageUri, 'thumbnails'),
    fetchImage: createImageFetcher(() => services.session.dispatcher()),
    hydrate: async (fileId, signal) => (await services.session.hydratedFiles()).refresh(fileId, signal),
    peekHydrated: async (fileId) => (await services.session.hydratedFiles().catch(() => undefined))?.peek(fileId),
    log: services.log,
  });
  const provider = new FilesTreeProvider({ ...services, thumbnails });
  const treeView = vscode.window.createTreeView(FILES_VIEW_ID, {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
    dragAndDropController: new FilesDragAndDropController(uploadDropped),
  });
  provider.attach(treeView);
  const disposable = vscode.Disposable.from(treeView, provider, thumbnails);
  return { view: provider, provider, treeView, disposable };
}
