import * as vscode from 'vscode';
import type { FileInfo } from '../api';
import type { App } from '../app';
import { getFormat, joinedText, type SnippetFormat, type UrlUse } from '../insert';
import { expiryDate } from '../references/expiry';
import { resolveFiles } from './fileArgs';
import { insertAtSelections, writableTargetEditor } from './insert';
import {
  defaultInsertFormat,
  earliestSignedExpiry,
  insertTarget,
  insertUrls,
  isOnePerCursor,
  offeredFormats,
  piecesToInsert,
  renderReference,
  snippetsOf,
  useOf,
  warnSignedUrls,
  type InsertTarget,
  type InsertUrls,
} from '../references/referenceText';
import { escapeIcons, quotedName } from '../files/safeText';

/** Longest snippet preview shown under a format in the picker. */
const PREVIEW_LENGTH = 120;

/** The URLs for a format's use, looked up once per use. */
type UrlLookup = (use: UrlUse) => Promise<InsertUrls>;

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
  const target = insertTarget(editor.document, editor.selections.length);
  const formats = offeredFormats(target.languageId, files);
  return new FormatPicker(files, target, formats, defaultInsertFormat(target.languageId, files)).pick(lookUp);
}

async function insertFormatted(
  app: App,
  editor: vscode.TextEditor,
  format: SnippetFormat,
  files: readonly FileInfo[],
  urls: InsertUrls | undefined,
): Promise<string | undefined> {
  const target = insertTarget(editor.document, editor.selections.length);
  const pieces = renderReference(format, files, urls, target);
  if (!pieces) return undefined;
  const onePerCursor = isOnePerCursor(files, target);
  // Joined lines go to every cursor, each line indented like the cursor's line; they are never spread.
  if (!(await insertAtSelections(editor, pieces, { spread: onePerCursor }))) return undefined;
  await app.remembered.noteInserted(files.map((file) => file.fileId));
  if (urls) warnSignedUrls(app, editor.document, format, files, urls, target);
  return onePerCursor ? pieces.join('\n') : joinedText(pieces);
}
