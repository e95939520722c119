// Paste and drop into an editor: "Upload to VideoGen and insert reference", its own paste/drop kind
// (videogen.upload), never the editor's default unless the user makes it so (see rules.ts).
//
// The upload runs only once our edit is chosen. For a paste that is VS Code's resolve step: the edit on offer holds
// the clipboard's media, and resolving it uploads them and fills in the reference. VS Code resolves an edit only
// when it is applied by a normal paste or picked in the paste widget: "Paste As…" applies edits unresolved, and no
// VS Code release up to 1.139 resolves drop edits. So for "Paste As…" our edit is offered only when our kind is
// asked for (`editor.action.pasteAs` with `{ "kind": "videogen.upload" }`), and for a drop only when our kind is the
// user's drop default: then the paste or drop itself is the choice, and the upload runs at once.

import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { defaultReferenceText, type ReferenceText } from '../references/referenceText';
import { quotedName } from '../files/safeText';
import { discardUploads, progressMessage, summarize, uploadFiles, type UploadBatchResult, type UploadItem, type UploadItemState } from '../upload';
import { isPreferredKind, isRequestedKind, offersInlinePaste, UPLOAD_KIND } from './rules';
import { itemName, uploadItemsOf } from './transfer';

const KIND = vscode.DocumentDropOrPasteEditKind.Empty.append(...UPLOAD_KIND.split('.'));
/** Below every other edit: the built-in paste or drop stays the default. */
const YIELD_TO = [vscode.DocumentDropOrPasteEditKind.Empty];
const PASTE_MIME_TYPES = ['image/*', 'text/uri-list', 'files'];
const DROP_MIME_TYPES = ['text/uri-list', 'files'];
/** Progress lines are redrawn at most this often. */
const REDRAW_MS = 150;
/** How long VS Code may take to apply the edit we return before its reference counts as dropped. */
const APPLY_WINDOW_MS = 10_000;

const editTitle = (): string => vscode.l10n.t('Upload to VideoGen and insert reference');

/** Our paste edit before it is chosen: what to upload, and where. */
export class UploadPasteEdit extends vscode.DocumentPasteEdit {
  constructor(
    readonly document: vscode.TextDocument,
    readonly ranges: readonly vscode.Range[],
    readonly items: readonly UploadItem[],
  ) {
    super('', editTitle(), KIND);
    this.yieldTo = YIELD_TO;
  }
}

export class UploadPasteProvider implements vscode.DocumentPasteEditProvider<UploadPasteEdit> {
  constructor(
    private readonly app: App,
    private readonly watches: InsertionWatches,
  ) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<UploadPasteEdit[] | undefined> {
    const requested = isRequestedKind(context.only?.value);
    if (context.triggerKind === vscode.DocumentPasteTriggerKind.PasteAs && !requested) return undefined;
    if (context.triggerKind === vscode.DocumentPasteTriggerKind.Automatic && !this.offersInline(document, dataTransfer)) return undefined;
    const items = await uploadItemsOf(dataTransfer, token);
    if (items.length === 0 || token.isCancellationRequested) return undefined;
    const edit = new UploadPasteEdit(document, ranges, items);
    if (requested) await this.resolveDocumentPasteEdit(edit, token);
    return [edit];
  }

  /** Uploads the edit's media and fills in the reference; on cancel or failure the edit inserts nothing. */
  async resolveDocumentPasteEdit(edit: UploadPasteEdit, token: vscode.CancellationToken): Promise<UploadPasteEdit> {
    const reference = await uploadAndReference(this.app, this.watches, edit.document, edit.ranges.length, edit.items, token);
    if (!reference) {
      edit.insertText = '';
      edit.additionalEdit = undefined;
    } else if (reference.perCursor) {
      // One file per cursor, in document order, as Insert as… does.
      const additional = new vscode.WorkspaceEdit();
      const ranges = [...edit.ranges].sort((a, b) => a.start.compareTo(b.start));
      ranges.forEach((range, i) => additional.replace(edit.document.uri, range, reference.texts[i]!));
      edit.insertText = '';
      edit.additionalEdit = additional;
    } else {
      edit.insertText = reference.texts[0]!;
    }
    return edit;
  }

  private offersInline(document: vscode.TextDocument, dataTransfer: vscode.DataTransfer): boolean {
    const mimeTypes: string[] = [];
    dataTransfer.forEach((_item, mimeType) => mimeTypes.push(mimeType));
    const preferences = vscode.workspace.getConfiguration('editor', document).get<unknown>('pasteAs.preferences');
    return offersInlinePaste({ mimeTypes, preferred: isPreferredKind(preferences) });
  }
}

export class UploadDropProvider implements vscode.DocumentDropEditProvider {
  constructor(
    private readonly app: App,
    private readonly watches: InsertionWatches,
  ) {}

  async provideDocumentDropEdits(
    document: vscode.TextDocument,
    _position: vscode.Position,
    dataTransfer: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit | undefined> {
    const preferences = vscode.workspace.getConfiguration('editor', document).get<unknown>('dropIntoEditor.preferences');
    if (!isPreferredKind(preferences)) return undefined;
    const items = await uploadItemsOf(dataTransfer, token);
    if (items.length === 0 || token.isCancellationRequested) return undefined;
    const reference = await uploadAndReference(this.app, this.watches, document, 1, items, token);
    if (!reference) return undefined;
    const edit = new vscode.DocumentDropEdit(reference.texts[0]!, editTitle(), KIND);
    edit.yieldTo = YIELD_TO;
    return edit;
  }
}

/**
 * Uploads `items` (one cancellable progress notification; `token` cancels too) and returns the reference
 * "Insert as…" would insert for them in `document`. Undefined after saying why when nothing is to be inserted:
 * cancelled (what was uploaded is taken back: nothing is left in the library), a failed item (named, with the
 * reason; the document stays as it was), or no usable reference.
 */
async function uploadAndReference(
  app: App,
  watches: InsertionWatches,
  document: vscode.TextDocument,
  cursors: number,
  items: readonly UploadItem[],
  token: vscode.CancellationToken,
): Promise<ReferenceText | undefined> {
  const result = await uploadWithProgress(app, items, token);
  if (!result) return undefined;
  const files = result.items.flatMap((item) => (item.status === 'uploaded' ? [item.file] : []));
  const kept = result.items.flatMap((item) => (item.status === 'uploaded' || item.status === 'processing' ? [item.file.fileId] : []));
  if (result.cancelled || token.isCancellationRequested) {
    await discard(app, kept);
    void vscode.window.showInformationMessage(cancelledMessage(items));
    return undefined;
  }
  if (files.length < items.length) {
    showFailure(app, result);
    return undefined;
  }
  const reference = await referenceFor(app, document, cursors, files);
  if (reference) watches.watch(document, reference, files);
  return reference;
}

/**
 * VS Code can drop the edit we return: a click on its "Resolving paste edit… Click to cancel" applies the edit as
 * it was before resolving (inserting nothing) and never cancels the resolve. So each reference handed to VS Code is
 * watched: once it reaches the document its files count as inserted (Recently inserted shows them at once); files
 * whose reference has not arrived by the end of the window are taken back, so that a cancel there also leaves
 * nothing in the library. The longest line of the reference is looked for: VS Code indents the lines after the
 * first like the cursor's line.
 */
export class InsertionWatches implements vscode.Disposable {
  private readonly pending = new Set<vscode.Disposable>();

  constructor(private readonly app: App) {}

  /** References handed to VS Code whose arrival is not settled yet. */
  get size(): number {
    return this.pending.size;
  }

  watch(document: vscode.TextDocument, reference: ReferenceText, files: readonly FileInfo[]): void {
    const marker = reference.texts[0]!.split('\n').map((line) => line.trim()).reduce((a, b) => (b.length > a.length ? b : a), '');
    const fileIds = files.map((file) => file.fileId);
    const settle = (inserted: boolean): void => {
      watch.dispose();
      if (inserted) {
        void this.app.remembered.noteInserted(fileIds);
        return;
      }
      this.app.log.info(`The reference to ${fileIds.join(', ')} was not inserted (the paste or drop was cancelled); taking the upload back`);
      void discard(this.app, fileIds);
    };
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document && event.contentChanges.some((change) => change.text.includes(marker))) settle(true);
    });
    const timer = setTimeout(() => settle(document.getText().includes(marker)), APPLY_WINDOW_MS);
    const watch = new vscode.Disposable(() => {
      listener.dispose();
      clearTimeout(timer);
      this.pending.delete(watch);
    });
    this.pending.add(watch);
  }

  dispose(): void {
    for (const watch of [...this.pending]) watch.dispose();
  }
}

async function uploadWithProgress(app: App, items: readonly UploadItem[], token: vscode.CancellationToken): Promise<UploadBatchResult | undefined> {
  const title =
    items.length === 1
      ? vscode.l10n.t('Uploading {0} to VideoGen', quotedName(itemName(items[0]!)))
      : vscode.l10n.t('Uploading {0} files to VideoGen', items.length);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancel) => {
      let drawnAt = 0;
      const onStateChange = (states: readonly UploadItemState[]): void => {
        if (Date.now() - drawnAt < REDRAW_MS) return;
        drawnAt = Date.now();
        progress.report({ message: progressMessage(states) });
      };
      const notificationCancel = new AbortController();
      const listener = cancel.onCancellationRequested(() => notificationCancel.abort());
      return uploadFiles(app, items, { notify: false, token, signal: notificationCancel.signal, onStateChange }).finally(() => listener.dispose());
    });
  } catch (error) {
    app.errors.report(error, vscode.l10n.t('Could not upload to VideoGen'));
    return undefined;
  }
}

async function discard(app: App, fileIds: readonly string[]): Promise<void> {
  try {
    await discardUploads(app, fileIds);
  } catch (error) {
    app.log.warn(`Could not take back ${fileIds.join(', ')} after a cancelled paste: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function cancelledMessage(items: readonly UploadItem[]): string {
  return items.length === 1
    ? vscode.l10n.t('Upload of {0} cancelled: nothing was inserted or kept.', quotedName(itemName(items[0]!)))
    : vscode.l10n.t('Upload of {0} files cancelled: nothing was inserted or kept.', items.length);
}

/** The batch summary (it names each failed file and why), and that the document was left as it was. */
function showFailure(app: App, result: UploadBatchResult): void {
  const showLog = vscode.l10n.t('Show Log');
  const message = `${summarize(result).message} ${vscode.l10n.t('Nothing was inserted.')}`;
  void vscode.window.showErrorMessage(message, showLog).then((picked) => {
    if (picked === showLog) app.log.show();
  });
}

async function referenceFor(app: App, document: vscode.TextDocument, cursors: number, files: readonly FileInfo[]): Promise<ReferenceText | undefined> {
  try {
    return await defaultReferenceText(app, document, cursors, files);
  } catch (error) {
    app.errors.report(error, vscode.l10n.t('Uploaded, but could not get the URL to insert'));
    return undefined;
  }
}

export interface PasteProviders {
  readonly paste: UploadPasteProvider;
  readonly drop: UploadDropProvider;
  /** The references handed to VS Code whose arrival in their document is still being watched. */
  readonly watches: InsertionWatches;
}

/**
 * Registers both providers for documents of every scheme (files, untitled, notebook cells, remote and virtual
 * workspaces): a registration costs nothing until a paste or drop, and VS Code does not paste into read-only editors.
 */
export function registerPasteAndDrop(app: App): { providers: PasteProviders; disposable: vscode.Disposable } {
  const watches = new InsertionWatches(app);
  const providers = { paste: new UploadPasteProvider(app, watches), drop: new UploadDropProvider(app, watches), watches };
  const selector: vscode.DocumentSelector = { scheme: '*' };
  const disposable = vscode.Disposable.from(
    watches,
    vscode.languages.registerDocumentPasteEditProvider(selector, providers.paste, { providedPasteEditKinds: [KIND], pasteMimeTypes: PASTE_MIME_TYPES }),
    vscode.languages.registerDocumentDropEditProvider(selector, providers.drop, { providedDropEditKinds: [KIND], dropMimeTypes: DROP_MIME_TYPES }),
  );
  return { providers, disposable };
}
