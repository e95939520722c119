import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { readSettings } from '../config';
import {
  appliesTo,
  defaultFormatFor,
  formatsFor,
  getFormat,
  joinedText,
  joinSnippets,
  renderSnippet,
  SnippetFormatError,
  type Quote,
  type SnippetFormat,
  type UrlUse,
} from '../insert';
import { expiryDate, relativeExpiry } from './describe';
import { resolveFiles } from './fileArgs';
import { lookUpUrl, missingUrlMessage, type FoundUrl, type MissingUrl } from './fileUrls';
import { insertAtSelections, writableTargetEditor } from './insert';
import { publicLinkOf, publishThen } from './publicLink';
import { escapeIcons, quotedName } from '../files/safeText';

/** Longest snippet preview shown under a format in the picker. */
const PREVIEW_LENGTH = 120;

/**
 * The URL "Insert as…" uses for a file: the permanent public preview URL when public preview is on, else a
 * signed URL (hydrated when needed), which expires. A link gets the preview URL, which the browser shows (the
 * download URL is served as an attachment: clicking it would download the file); anything else, and a link to
 * a file without a preview rendition, gets the download URL, the best rendition.
 */
async function insertUrl(app: App, file: FileInfo, use: UrlUse, signal?: AbortSignal): Promise<FoundUrl | MissingUrl> {
  if (file.isPublicPreviewEnabled) {
    const permanent = await lookUpUrl(app, file, 'publicPreview', signal);
    if (permanent.found) return permanent;
  }
  if (use === 'link') {
    const inline = await lookUpUrl(app, file, 'preview', signal);
    if (inline.found) return inline;
  }
  return lookUpUrl(app, file, 'download', signal);
}

type InsertUrls = ReadonlyMap<string, FoundUrl | MissingUrl>;

async function insertUrls(app: App, files: readonly FileInfo[], use: UrlUse, signal?: AbortSignal): Promise<InsertUrls> {
  const lookups = await Promise.all(files.map((file) => insertUrl(app, file, use, signal)));
  return new Map(lookups.map((lookup, i) => [files[i]!.fileId, lookup]));
}

/** The URLs for a format's use, looked up once per use. */
type UrlLookup = (use: UrlUse) => Promise<InsertUrls>;

const useOf = (format: SnippetFormat): UrlUse => format.urlUse ?? 'embed';

const QUOTE_STYLE_SECTION: ReadonlyMap<string, string> = new Map([
  ['typescript', 'typescript'],
  ['typescriptreact', 'typescript'],
  ['javascript', 'javascript'],
  ['javascriptreact', 'javascript'],
]);

/** The user's `typescript|javascript.preferences.quoteStyle` for string literals; undefined means the language's default. */
function preferredQuote(document: vscode.TextDocument): Quote | undefined {
  const section = QUOTE_STYLE_SECTION.get(document.languageId);
  if (!section) return undefined;
  const style = vscode.workspace.getConfiguration(section, document).get<string>('preferences.quoteStyle');
  return style === 'single' ? "'" : style === 'double' ? '"' : undefined;
}

/** Formats that fit the language and every file. */
function offeredFormats(languageId: string, files: readonly FileInfo[]): SnippetFormat[] {
  return formatsFor(languageId, files[0]!).filter((format) => files.every((file) => appliesTo(format, file)));
}

function earliestSignedExpiry(urls: InsertUrls): number | undefined {
  const expiries = [...urls.values()].flatMap((u) => (u.found && u.expiresAtMs !== null ? [u.expiresAtMs] : []));
  return expiries.length > 0 ? Math.min(...expiries) : undefined;
}

interface FormatItem extends vscode.QuickPickItem {
  format: SnippetFormat;
}

/**
 * The format picker. URL formats carry a warning icon and "signed URL — expires <date>" (or "permanent public
 * URL" when every file has public preview on). The URLs are looked up while the picker is open, so the date and
 * the snippet previews fill in without making the user wait; the lookup is abandoned when an ID format is picked.
 */
class FormatPicker {
  private readonly quickPick = vscode.window.createQuickPick<FormatItem>();
  private readonly urls = new Map<UrlUse, InsertUrls>();

  constructor(
    private readonly files: readonly FileInfo[],
    private readonly target: InsertTarget,
    private readonly formats: readonly SnippetFormat[],
    private readonly defaultFormat: SnippetFormat | undefined,
  ) {
    this.quickPick.title = vscode.l10n.t('Insert as…');
    this.quickPick.placeholder =
      files.length === 1
        ? vscode.l10n.t('How to insert {0}', quotedName(files[0]!.displayName))
        : vscode.l10n.t('How to insert {0} files', files.length);
    this.quickPick.matchOnDescription = true;
  }

  async pick(lookUp: UrlLookup): Promise<SnippetFormat | undefined> {
    const disposables: vscode.Disposable[] = [this.quickPick];
    this.render();
    const uses = [...new Set(this.formats.filter((f) => f.reference === 'url').map(useOf))];
    if (uses.length > 0) {
      this.quickPick.busy = true;
      const lookups = uses.map((use) =>
        lookUp(use).then(
          (resolved) => {
            this.urls.set(use, resolved);
            this.render();
          },
          () => undefined, // reported when a URL format is picked
        ),
      );
      void Promise.all(lookups).then(() => (this.quickPick.busy = false));
    }
    const picked = await new Promise<SnippetFormat | undefined>((resolve) => {
      disposables.push(
        this.quickPick.onDidAccept(() => resolve(this.quickPick.selectedItems[0]?.format)),
        this.quickPick.onDidHide(() => resolve(undefined)),
      );
      this.quickPick.show();
    });
    vscode.Disposable.from(...disposables).dispose();
    return picked;
  }

  private render(): void {
    const active = this.quickPick.activeItems[0]?.format;
    const ordered = this.defaultFormat ? [this.defaultFormat, ...this.formats.filter((f) => f !== this.defaultFormat)] : this.formats;
    const items = ordered.map((format) => this.item(format));
    this.quickPick.items = items;
    const keep = items.find((item) => item.format === active);
    if (keep) this.quickPick.activeItems = [keep];
  }

  private item(format: SnippetFormat): FormatItem {
    const parts = format === this.defaultFormat ? [vscode.l10n.t('default')] : [];
    parts.push(format.reference === 'id' ? format.description : this.urlDescription(format));
    if (isOnePerCursor(this.files, this.target)) parts.push(vscode.l10n.t('one per cursor'));
    const permanent = format.reference === 'url' && this.urlsArePermanent(format);
    return {
      format,
      label: format.label,
      description: parts.join(' · '),
      detail: this.preview(format),
      iconPath: new vscode.ThemeIcon(format.reference === 'id' ? 'symbol-key' : permanent ? 'globe' : 'warning'),
    };
  }

  /** Before the lookup answers, public preview being on is taken to mean its permanent URL will be used. */
  private urlsArePermanent(format: SnippetFormat): boolean {
    const urls = this.urls.get(useOf(format));
    if (!urls) return this.files.every((file) => file.isPublicPreviewEnabled);
    return [...urls.values()].every((url) => url.found && url.expiresAtMs === null);
  }

  private urlDescription(format: SnippetFormat): string {
    const urls = this.urls.get(useOf(format));
    if (urls && [...urls.values()].some((url) => !url.found)) return vscode.l10n.t('no URL available');
    if (this.urlsArePermanent(format)) return vscode.l10n.t('permanent public URL');
    const expiry = urls && earliestSignedExpiry(urls);
    return expiry === undefined
      ? vscode.l10n.t('signed URL — expires')
      : vscode.l10n.t('signed URL — expires {0}', expiryDate(expiry));
  }

  /**
   * Exactly what would be inserted, on one line (line breaks shown as spaces, cut at PREVIEW_LENGTH); one
   * cursor's text after another when each cursor gets its own file. URL formats once their URLs are known.
   */
  private preview(format: SnippetFormat): string | undefined {
    const urls = format.reference === 'url' ? this.urls.get(useOf(format)) : undefined;
    if (format.reference === 'url' && !urls) return undefined;
    try {
      const pieces = piecesToInsert(format, this.files, snippetsOf(format, this.files, urls, this.target), this.target);
      const texts = isOnePerCursor(this.files, this.target) ? pieces : [joinedText(pieces)];
      const oneLine = texts.map((text) => text.replace(/\s*\n\s*/g, ' ')).join('  ·  ');
      return escapeIcons(oneLine.length > PREVIEW_LENGTH ? `${oneLine.slice(0, PREVIEW_LENGTH - 1)}…` : oneLine);
    } catch {
      return undefined;
    }
  }
}

/** Where the snippets go: the document's language, the user's quote style, and how many cursors. */
interface InsertTarget {
  languageId: string;
  quote: Quote | undefined;
  cursors: number;
}

function insertTarget(editor: vscode.TextEditor): InsertTarget {
  return { languageId: editor.document.languageId, quote: preferredQuote(editor.document), cursors: editor.selections.length };
}

/** N files at N cursors: one file per cursor, as VS Code pastes N lines at N cursors. */
function isOnePerCursor(files: readonly FileInfo[], target: InsertTarget): boolean {
  return files.length > 1 && files.length === target.cursors;
}

/** The snippet of every file, in order. Throws SnippetFormatError; a file without its URL makes a URL format throw. */
function snippetsOf(format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls | undefined, target: InsertTarget): string[] {
  return files.map((file) => {
    const url = urls?.get(file.fileId);
    const found = url?.found ? url : undefined;
    return renderSnippet(format.id, { file, url: found?.url, urlExpires: found?.expiresAtMs != null, languageId: target.languageId, quote: target.quote });
  });
}

/** What goes in: one snippet per cursor when each cursor gets a file, else the lines of the joined snippets (src/insert/join.ts). */
function piecesToInsert(format: SnippetFormat, files: readonly FileInfo[], snippets: string[], target: InsertTarget): string[] {
  return isOnePerCursor(files, target) ? snippets : joinSnippets(format, target.languageId, snippets);
}

/**
 * After inserting signed URLs: says when they stop working, and offers to turn public preview on. That button
 * publishes the files, waits until their permanent URLs are ready, and puts those in place of the signed ones.
 */
function warnSignedUrls(app: App, editor: vscode.TextEditor, format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls): void {
  const expiry = earliestSignedExpiry(urls);
  if (expiry === undefined) return;
  const signed = files.filter((file) => {
    const url = urls.get(file.fileId);
    return url?.found && url.expiresAtMs !== null;
  });
  const message =
    signed.length === 1
      ? vscode.l10n.t(
          'The URL inserted for {0} is signed: it stops working {1} ({2}). Insert the file ID, or turn on public preview for a permanent URL.',
          quotedName(signed[0]!.displayName),
          relativeExpiry(expiry),
          expiryDate(expiry),
        )
      : vscode.l10n.t(
          'The {0} URLs inserted are signed: the first stops working {1} ({2}). Insert file IDs, or turn on public preview for permanent URLs.',
          signed.length,
          relativeExpiry(expiry),
          expiryDate(expiry),
        );
  const enable = vscode.l10n.t('Enable Public Preview');
  void vscode.window.showWarningMessage(message, enable).then((picked) => {
    if (picked !== enable) return;
    const target = insertTarget(editor);
    return publishThen(app, signed, (ready) => usePermanentUrls(editor.document, format, ready, urls, target));
  });
}

/**
 * Replaces, in `document`, the signed URL of each file as the format wrote it (escaped for the language) with its
 * permanent public URL written the same way. Text the user changed since is left alone.
 */
async function usePermanentUrls(document: vscode.TextDocument, format: SnippetFormat, files: readonly FileInfo[], urls: InsertUrls, target: InsertTarget): Promise<void> {
  const text = document.getText();
  const edit = new vscode.WorkspaceEdit();
  let replaced = 0;
  for (const file of files) {
    const signed = urls.get(file.fileId);
    if (!signed?.found) continue;
    const [written, permanent] = writtenDifference(format, file, signed.url, publicLinkOf(file), target);
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + written.length)), permanent);
      replaced++;
    }
  }
  if (replaced === 0 || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Public preview is on, but the inserted signed URLs were not found in {0} any more: insert the files again for permanent URLs.', vscode.workspace.asRelativePath(document.uri)));
    return;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Replaced {0} signed URLs with permanent public URLs', replaced), 4000);
}

/**
 * What differs between the snippet written with the signed URL and with the permanent one: the URL as the format
 * escapes it. When that spans lines (a URL used twice in a multi-line snippet), the plain URLs.
 */
function writtenDifference(format: SnippetFormat, file: FileInfo, signedUrl: string, permanentUrl: string, target: InsertTarget): [string, string] {
  const render = (url: string, urlExpires: boolean): string => renderSnippet(format.id, { file, url, urlExpires, languageId: target.languageId, quote: target.quote });
  const before = render(signedUrl, true);
  const after = render(permanentUrl, false);
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const written = before.slice(start, before.length - end);
  const permanent = after.slice(start, after.length - end);
  return written === '' || /[\r\n]/.test(written) ? [signedUrl, permanentUrl] : [written, permanent];
}

function chosenFormat(formatId: unknown): SnippetFormat | undefined {
  if (typeof formatId !== 'string') return undefined;
  const format = getFormat(formatId);
  if (!format) throw new Error(vscode.l10n.t('There is no insert format "{0}".', formatId));
  return format;
}

/**
 * `videogen.insertAs`: a snippet per resolved file, in a format that fits the document's language, at every
 * cursor of the target editor. Accepts `(fileOrNode, formatId?)` for programmatic use; without a format id a
 * quick pick offers the formats, the `videogen.insert.defaultFormat` one first. Resolves the inserted text.
 */
export async function insertAs(app: App, args: readonly unknown[]): Promise<string | undefined> {
  const editor = await writableTargetEditor();
  if (!editor) return undefined;
  const files = await resolveFiles(app, args, { pickTitle: vscode.l10n.t('Insert as…') });
  if (files.length === 0) return undefined;
  const lookup = new AbortController();
  const urls = new Map<UrlUse, Promise<InsertUrls>>();
  const lookUp: UrlLookup = (use) => {
    const started = urls.get(use) ?? insertUrls(app, files, use, lookup.signal);
    urls.set(use, started);
    return started;
  };
  try {
    const format = chosenFormat(args[1]) ?? (await pickFormat(files, editor, lookUp));
    if (!format) return undefined;
    let resolved: InsertUrls | undefined;
    if (format.reference === 'url') {
      try {
        resolved = await lookUp(useOf(format));
      } catch (error) {
        app.errors.report(error, vscode.l10n.t('Could not get the URL to insert'), () =>
          vscode.commands.executeCommand('videogen.insertAs', [...files], format.id),
        );
        return undefined;
      }
    }
    return await insertFormatted(app, editor, format, files, resolved);
  } finally {
    lookup.abort();
  }
}

async function pickFormat(files: readonly FileInfo[], editor: vscode.TextEditor, lookUp: UrlLookup): Promise<SnippetFormat | undefined> {
  const target = insertTarget(editor);
  const formats = offeredFormats(target.languageId, files);
  const configured = defaultFormatFor(target.languageId, files[0]!, readSettings().insertDefaultFormat);
  const defaultFormat = formats.includes(configured) ? configured : undefined;
  return new FormatPicker(files, target, formats, defaultFormat).pick(lookUp);
}

async function insertFormatted(
  app: App,
  editor: vscode.TextEditor,
  format: SnippetFormat,
  files: readonly FileInfo[],
  urls: InsertUrls | undefined,
): Promise<string | undefined> {
  const missing = files.map((file) => urls?.get(file.fileId)).find((u): u is MissingUrl => u !== undefined && !u.found);
  if (missing) {
    void vscode.window.showWarningMessage(missingUrlMessage(missing, 'download', quotedName(missing.file.displayName)));
    return undefined;
  }
  const target = insertTarget(editor);
  let snippets: string[];
  try {
    snippets = snippetsOf(format, files, urls, target);
  } catch (error) {
    if (!(error instanceof SnippetFormatError)) throw error;
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot insert as {0}: {1}', format.label, error.message));
    return undefined;
  }
  const onePerCursor = isOnePerCursor(files, target);
  // Joined lines go to every cursor, each line indented like the cursor's line; they are never spread.
  const pieces = piecesToInsert(format, files, snippets, target);
  if (!(await insertAtSelections(editor, pieces, { spread: onePerCursor }))) return undefined;
  if (urls) warnSignedUrls(app, editor, format, files, urls);
  return onePerCursor ? snippets.join('\n') : joinedText(pieces);
}
