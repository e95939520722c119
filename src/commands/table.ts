import * as vscode from 'vscode';
import { clearApiKey, setApiKey, setSessionApiKey } from '../auth/commands';
import type { App } from '../app';
import { archiveFiles } from './archive';
import { copyFileIds, copyUrls } from './copy';
import { insertFileIds } from './insert';
import { insertAs } from './insertAs';
import { openFileById } from './openById';
import { openInVideoGen, openPreviews, openPreviewsToSide } from './open';
import { copyPublicLinks } from './publicLink';
import { switchPublicPreview } from './publicPreview';
import { saveToWorkspace } from './saveToWorkspace';
import { trackTextEditors } from './targetEditor';
import { uploadExplorerSelection, uploadFromDialog } from '../upload/commands';
import { noteCompletionInserted } from '../completion';
import { findUsages } from '../usages/findUsages';
import { replaceFileReference } from '../codeInsight/quickFix';
import { pinFiles, searchLibrary, unpinFiles } from '../tree/commands';

/** A command handler: gets the extension's parts first, then whatever VS Code passes (tree items, URIs...). */
export type CommandHandler = (app: App, ...args: unknown[]) => unknown;

/**
 * Every command the extension contributes, in one place. An integration test checks this table
 * against `contributes.commands` in package.json, both ways.
 *
 * File commands accept what src/commands/fileArgs.ts resolves: a tree node plus the tree's selection, a
 * FileInfo, a file ID, an array of those, or nothing (a quick pick asks). `videogen.insertAs` also takes a
 * format id as its second argument.
 */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  'videogen.setApiKey': (app, key) => setApiKey(app, key),
  'videogen.clearApiKey': (app) => clearApiKey(app),
  'videogen.setSessionApiKey': (app, key) => setSessionApiKey(app, key),
  'videogen.showLog': (app) => app.log.show(),
  'videogen.refresh': (app) => app.files.refresh(),
  'videogen.loadMore': (app) => app.files.loadMore(),
  'videogen.filterFiles': (app) => app.files.chooseFilter(),
  'videogen.groupByType': (app) => app.files.setGroupBy('type'),
  'videogen.showFlatList': (app) => app.files.setGroupBy('none'),
  'videogen.searchFiles': (app, query) => searchLibrary(app, query),
  'videogen.openPreview': (app, ...args) => openPreviews(app, args),
  'videogen.openPreviewToSide': (app, ...args) => openPreviewsToSide(app, args),
  'videogen.copyFileId': (app, ...args) => copyFileIds(app, args),
  'videogen.copyDownloadUrl': (app, ...args) => copyUrls(app, 'download', args),
  'videogen.copyPreviewUrl': (app, ...args) => copyUrls(app, 'preview', args),
  'videogen.copyThumbnailUrl': (app, ...args) => copyUrls(app, 'thumbnail', args),
  'videogen.copyHlsUrl': (app, ...args) => copyUrls(app, 'hls', args),
  'videogen.copyPublicPreviewUrl': (app, ...args) => copyUrls(app, 'publicPreview', args),
  'videogen.copyPublicHlsUrl': (app, ...args) => copyUrls(app, 'publicHls', args),
  'videogen.enablePublicPreview': (app, ...args) => switchPublicPreview(app, args, true),
  'videogen.disablePublicPreview': (app, ...args) => switchPublicPreview(app, args, false),
  'videogen.insertFileId': (app, ...args) => insertFileIds(app, args),
  'videogen.insertAs': (app, ...args) => insertAs(app, args),
  'videogen.archiveFiles': (app, ...args) => archiveFiles(app, args),
  'videogen.copyPublicLink': (app, ...args) => copyPublicLinks(app, args),
  'videogen.openInVideoGen': (app, ...args) => openInVideoGen(app, args),
  'videogen.saveToWorkspace': (app, ...args) => saveToWorkspace(app, args),
  'videogen.openFileById': (app, ...args) => openFileById(app, args),
  'videogen.uploadFiles': (app) => uploadFromDialog(app),
  'videogen.uploadToVideoGen': (app, clicked, selection) => uploadExplorerSelection(app, clicked, selection),
  'videogen.completion.noteInserted': (app, fileId) => noteCompletionInserted(app, fileId),
  'videogen.findUsages': (app, ...args) => findUsages(app, args),
  'videogen.replaceFileReference': (app, ...args) => replaceFileReference(app, args),
  'videogen.pinFiles': (app, ...args) => pinFiles(app, args),
  'videogen.unpinFiles': (app, ...args) => unpinFiles(app, args),
  'videogen.clearSearch': (app) => app.files.clearSearchResults(),
};

/** Registers every command of the table, and starts what the insert commands need (see targetEditor.ts). */
export function registerCommands(app: App): vscode.Disposable[] {
  const commands = Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(app, ...args);
      } catch (error) {
        app.errors.report(error, vscode.l10n.t('VideoGen command failed'));
        return undefined;
      }
    }),
  );
  return [trackTextEditors(), ...commands];
}
