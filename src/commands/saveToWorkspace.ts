import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { isCancellation } from '../errors';
import { formatBytes, usableUrl } from '../files/facts';
import { downloadExtension, firstFreeName, safeFileName } from '../files/fileNames';
import { quotedName } from '../files/safeText';
import { DownloadHttpError, downloadToFile } from '../net/download';
import { failureList } from '../batch/summary';
import { resolveFiles } from './fileArgs';

const FOLDER_SETTING = 'download.folder';
/** Chunks arrive far more often than a progress line can be read. */
const PROGRESS_INTERVAL_MS = 100;

/** Where one file goes, decided before any byte is fetched. */
interface PlannedSave {
  file: FileInfo;
  target: string;
  replace: boolean;
}

type Outcome = { file: FileInfo; saved: string } | { file: FileInfo; failed: string } | { file: FileInfo; skipped: true };

/**
 * `videogen.saveToWorkspace`: hydrates the files, asks about names that already exist, streams each download into
 * the download folder (`videogen.download.folder`, asked once when unset) and reveals the result in the Explorer.
 */
export async function saveToWorkspace(app: App, args: readonly unknown[]): Promise<void> {
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Save to Workspace') });
  if (files.length === 0) return;
  const folder = await downloadFolder(files.length);
  if (!folder) return;
  await fs.mkdir(folder.path, { recursive: true });
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving to {0}', path.basename(folder.path) || folder.path), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        progress.report({ message: vscode.l10n.t('Getting download links…') });
        const hydrated = await hydrateAll(app, files, abort.signal);
        const plan = await planSaves(folder.path, hydrated.ready);
        if (!plan) return [];
        return [...hydrated.failed, ...(await saveAll(app, plan, progress, abort.signal))];
      } finally {
        cancel.dispose();
      }
    },
  );
  await report(app, outcomes, folder.path);
  if (folder.picked) void offerToRemember(folder.path);
}

interface DownloadFolder {
  path: string;
  /** Chosen in a dialog just now (the setting was unset): offer to remember it. */
  picked: boolean;
}

/** The setting, resolved against the first workspace folder; else a folder dialog that starts there. */
async function downloadFolder(count: number): Promise<DownloadFolder | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const configured = (vscode.workspace.getConfiguration('videogen').get<string>(FOLDER_SETTING) ?? '').trim();
  if (configured !== '') {
    if (path.isAbsolute(configured)) return { path: configured, picked: false };
    if (!workspace || workspace.scheme !== 'file') throw new Error(vscode.l10n.t('videogen.download.folder is relative, but no workspace folder is open.'));
    return { path: path.join(workspace.fsPath, configured), picked: false };
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: workspace,
    openLabel: count === 1 ? vscode.l10n.t('Save Here') : vscode.l10n.t('Save {0} Files Here', count),
    title: vscode.l10n.t('Save VideoGen Files To'),
  });
  const uri = chosen?.[0];
  if (!uri) return undefined;
  if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Save to Workspace needs a folder on disk.'));
  return { path: uri.fsPath, picked: true };
}

/** Every file with a ready download and a fresh signed URL; the others are reported, not fetched. */
async function hydrateAll(app: App, files: readonly FileInfo[], signal: AbortSignal): Promise<{ ready: FileInfo[]; failed: Outcome[] }> {
  const cache = await app.session.hydratedFiles();
  const ready: FileInfo[] = [];
  const failed: Outcome[] = [];
  for (const file of files) {
    signal.throwIfAborted();
    try {
      const hydrated = await cache.get(file.fileId, signal);
      if (usableUrl(hydrated.downloadSource) === null) failed.push({ file, failed: vscode.l10n.t('it has no download yet') });
      else ready.push(hydrated);
    } catch (error) {
      if (isCancellation(error)) throw error;
      failed.push({ file, failed: app.errors.note(error, `Could not get the download link of ${file.fileId}`).message });
    }
  }
  return { ready, failed };
}

/** Names for every file; one question for all those that already exist. undefined: the user dismissed it. */
async function planSaves(folder: string, files: readonly FileInfo[]): Promise<PlannedSave[] | undefined> {
  const existing = new Set((await fs.readdir(folder)).map((name) => name.toLowerCase()));
  const claimed = new Set<string>();
  const named = files.map((file) => {
    const wanted = safeFileName(file.displayName, downloadExtension(file), file.fileId);
    // Two files of one batch with the same name never overwrite each other.
    const name = firstFreeName(wanted, (n) => claimed.has(n.toLowerCase()));
    claimed.add(name.toLowerCase());
    return { file, name, exists: existing.has(name.toLowerCase()) };
  });
  const clashes = named.filter((n) => n.exists);
  const taken = (n: string): boolean => existing.has(n.toLowerCase()) || claimed.has(n.toLowerCase());
  const choice = clashes.length === 0 ? 'replace' : await askAboutExisting(clashes.map((c) => c.name), folder, taken);
  if (choice === undefined) return undefined;
  const plan: PlannedSave[] = [];
  for (const { file, name, exists } of named) {
    if (!exists) plan.push({ file, target: path.join(folder, name), replace: false });
    else if (choice === 'replace') plan.push({ file, target: path.join(folder, name), replace: true });
    else if (choice === 'keepBoth') {
      const free = firstFreeName(name, taken);
      claimed.add(free.toLowerCase());
      plan.push({ file, target: path.join(folder, free), replace: false });
    }
  }
  return plan;
}

type ExistingChoice = 'replace' | 'keepBoth' | 'skip';

/** A modal naming the file, or the count; its answer applies to every such file of the batch. */
async function askAboutExisting(names: readonly string[], folder: string, taken: (name: string) => boolean): Promise<ExistingChoice | undefined> {
  const replace = names.length === 1 ? vscode.l10n.t('Replace') : vscode.l10n.t('Replace All');
  const keepBoth = vscode.l10n.t('Keep Both');
  const skip = names.length === 1 ? vscode.l10n.t('Skip') : vscode.l10n.t('Skip These');
  const message =
    names.length === 1
      ? vscode.l10n.t('{0} already exists in {1}. Replace it?', quotedName(names[0]!), path.basename(folder))
      : vscode.l10n.t('{0} files already exist in {1}. Replace them?', names.length, path.basename(folder));
  const detail =
    names.length === 1
      ? vscode.l10n.t('Keep Both saves the new file as {0}.', quotedName(firstFreeName(names[0]!, taken)))
      : `${names.slice(0, 10).map(quotedName).join('\n')}${names.length > 10 ? '\n…' : ''}\n\n${vscode.l10n.t('Keep Both saves the new files with a number, as “name (1).ext”.')}`;
  const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, replace, keepBoth, skip);
  if (picked === replace) return 'replace';
  if (picked === keepBoth) return 'keepBoth';
  if (picked === skip) return 'skip';
  return undefined;
}

/** One download at a time (each is as fast as the link allows); cancel stops the current one and the rest. */
async function saveAll(
  app: App,
  plan: readonly PlannedSave[],
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  signal: AbortSignal,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [index, item] of plan.entries()) {
    signal.throwIfAborted();
    const prefix = plan.length === 1 ? '' : `${index + 1}/${plan.length} `;
    let reported = 0;
    let reportedAt = 0;
    const onProgress = (received: number, total: number | undefined): void => {
      const now = Date.now();
      if (now - reportedAt < PROGRESS_INTERVAL_MS && received !== total) return;
      reportedAt = now;
      const share = total ? (received / total) * (100 / plan.length) : 0;
      progress.report({
        message: `${prefix}${path.basename(item.target)} — ${total ? vscode.l10n.t('{0} of {1}', formatBytes(received), formatBytes(total)) : formatBytes(received)}`,
        increment: share - reported,
      });
      reported = share;
    };
    try {
      await saveOne(app, item, onProgress, signal);
      outcomes.push({ file: item.file, saved: item.target });
      app.log.info(`Saved ${item.file.fileId} to ${item.target}`);
    } catch (error) {
      if (signal.aborted || isCancellation(error)) throw new vscode.CancellationError();
      outcomes.push({ file: item.file, failed: describeFailure(app, item, error) });
    }
  }
  return outcomes;
}

/** Downloads, and once more with freshly signed links when the media host refused the URL (it expired meanwhile). */
async function saveOne(app: App, item: PlannedSave, onProgress: (received: number, total: number | undefined) => void, signal: AbortSignal): Promise<void> {
  const options = { dispatcher: app.session.dispatcher(), signal, onProgress, replace: item.replace };
  try {
    await downloadToFile(item.file.downloadSource!.url!, item.target, options);
  } catch (error) {
    if (!(error instanceof DownloadHttpError) || !error.urlRefused) throw error;
    app.log.info(`The download link of ${item.file.fileId} was refused (${error.status}); signing it again`);
    const fresh = await (await app.session.hydratedFiles()).refresh(item.file.fileId, signal);
    const url = usableUrl(fresh.downloadSource);
    if (url === null) throw error;
    await downloadToFile(url, item.target, options);
  }
}

function describeFailure(app: App, item: PlannedSave, error: unknown): string {
  if ((error as { code?: string }).code === 'EEXIST') return vscode.l10n.t('{0} appeared meanwhile and was kept', path.basename(item.target));
  return app.errors.note(error, `Could not save ${item.file.fileId}`).message;
}

/** Reveals what was saved; says what failed, by name. */
async function report(app: App, outcomes: readonly Outcome[], folder: string): Promise<void> {
  const saved = outcomes.filter((o): o is { file: FileInfo; saved: string } => 'saved' in o);
  const failed = outcomes.filter((o): o is { file: FileInfo; failed: string } => 'failed' in o);
  if (saved.length > 0) await revealInExplorer(saved.map((o) => o.saved));
  if (failed.length === 0) {
    if (saved.length > 0 && !isInWorkspace(folder)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} file(s) to {1}.', saved.length, folder));
    }
    return;
  }
  const names = failureList(failed.map((o) => ({ name: o.file.displayName, reason: o.failed })));
  const message =
    outcomes.length === 1
      ? vscode.l10n.t('Could not save {0}', names)
      : vscode.l10n.t('Saved {0} of {1}; {2} failed: {3}', saved.length, outcomes.length, failed.length, names);
  const showLog = vscode.l10n.t('Show Log');
  const picked = await vscode.window.showWarningMessage(message, showLog);
  if (picked === showLog) app.log.show();
}

async function revealInExplorer(files: readonly string[]): Promise<void> {
  const last = files[files.length - 1];
  if (last === undefined || !isInWorkspace(last)) return;
  // The Explorer first: a reveal sent to an Explorer that was never shown in this window can be lost while the
  // view is still being created (seen on VS Code 1.139).
  await vscode.commands.executeCommand('workbench.view.explorer');
  await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(last));
}

function isInWorkspace(file: string): boolean {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) !== undefined;
}

/** After a folder was picked: remember it (relative to the workspace when inside it) for the next time. */
async function offerToRemember(folder: string): Promise<void> {
  const remember = vscode.l10n.t('Remember');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t('Save VideoGen files to {0} from now on? (setting videogen.download.folder)', folder),
    remember,
  );
  if (picked !== remember) return;
  const workspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
  const value = workspace ? path.relative(workspace.uri.fsPath, folder) || '.' : folder;
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('videogen').update(FOLDER_SETTING, value, target);
}
