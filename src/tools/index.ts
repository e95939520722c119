// The language-model tools (package.json `contributes.languageModelTools`): an agent in the editor can search the
// library, read a file's details, insert a reference at the cursor and upload a workspace file. Each goes through
// the extension's one way of doing it (app.search, app.lookup, `videogen.insertAs`, uploadFiles). Results are JSON
// text without signed URLs or the key (src/tools/shape.ts); a failure is thrown as an Error whose message tells the
// model what went wrong and what to do instead, as VS Code's tool guide asks. Registering is cheap: nothing runs
// until a tool is invoked.

import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import { FILE_TYPES, type FileInfo } from '../api';
import type { App } from '../app';
import { peekTargetTextEditor, targetTextEditor } from '../commands/targetEditor';
import { classifyError } from '../errors';
import { parseFileRef } from '../files/fileRefs';
import { acceptedExtensions, mediaTypeOf, UnsupportedMediaTypeError } from '../files/mediaTypes';
import { quotedName } from '../files/safeText';
import { defaultInsertFormat, offeredFormats } from '../references/referenceText';
import { getFormat } from '../insert';
import { uploadFiles } from '../upload';
import { confirmation } from './confirmations';
import { resolveWorkspacePath, staysInside } from './paths';
import { fileDetails, searchCount, searchHit, searchRequestSize, toolJson } from './shape';
import { abortOnCancel } from '../cancellation';

export const TOOL_NAMES = {
  searchFiles: 'videogen_searchFiles',
  getFile: 'videogen_getFile',
  insertReference: 'videogen_insertReference',
  uploadFile: 'videogen_uploadFile',
} as const;

interface SearchInput {
  query: string;
  type?: string;
  count?: number;
}
interface GetFileInput {
  id: string;
}
interface InsertInput {
  id: string;
  format?: string;
}
interface UploadInput {
  path: string;
}

export function registerLanguageModelTools(app: App): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.lm.registerTool<SearchInput>(TOOL_NAMES.searchFiles, {
      prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Searching the VideoGen library for {0}', quotedName(String(input.query ?? ''))) }),
      invoke: ({ input }, token) => withErrors(() => searchFiles(app, input, token)),
    }),
    vscode.lm.registerTool<GetFileInput>(TOOL_NAMES.getFile, {
      prepareInvocation: ({ input }) => ({ invocationMessage: vscode.l10n.t('Reading VideoGen file {0}', String(input.id ?? '')) }),
      invoke: ({ input }, token) => withErrors(() => getFile(app, input, token)),
    }),
    vscode.lm.registerTool<InsertInput>(TOOL_NAMES.insertReference, {
      prepareInvocation: ({ input }) => prepareInsert(app, input),
      invoke: ({ input }, token) => withErrors(() => insertReference(app, input, token)),
    }),
    vscode.lm.registerTool<UploadInput>(TOOL_NAMES.uploadFile, {
      prepareInvocation: ({ input }) => prepareUpload(input),
      invoke: ({ input }, token) => withErrors(() => uploadFile(app, input, token)),
    }),
  );
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The tool's own Errors pass as they are; API and connection failures are worded by the error classifier. */
async function withErrors(run: () => Promise<vscode.LanguageModelToolResult>): Promise<vscode.LanguageModelToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ToolInputError || error instanceof vscode.CancellationError) throw error;
    const classified = classifyError(error);
    const fix = classified.fixes.includes('setApiKey') ? ` ${vscode.l10n.t('Ask the user to run "VideoGen: Set API Key".')}` : '';
    const later = classified.transient ? ` ${vscode.l10n.t('Try again later.')}` : '';
    throw new Error(`${classified.message}${fix}${later}`);
  }
}

/** A request the tool cannot carry out as asked; the message says what to ask instead. */
class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ToolInputError(vscode.l10n.t('"{0}" is required.', field));
  return value.trim();
}

async function searchFiles(app: App, input: SearchInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const query = requiredText(input.query, 'query');
  const type = typeFilter(input.type);
  const count = searchCount(input.count);
  const found = await app.search.search(query, { numResults: searchRequestSize(count, type !== undefined), signal: abortOnCancel(token).signal, purpose: 'asked' });
  const results = found
    .filter((hit) => type === undefined || hit.file.type === type)
    .slice(0, count)
    .map((hit) => searchHit(hit.file, hit.similarity));
  return textResult(toolJson({ query, type: type ?? null, results }));
}

function typeFilter(type: unknown): string | undefined {
  if (type === undefined || type === null || type === '') return undefined;
  const wanted = String(type).trim().toUpperCase();
  if ((FILE_TYPES as readonly string[]).includes(wanted)) return wanted;
  throw new ToolInputError(vscode.l10n.t('Unknown type "{0}". Use one of: {1}, or leave it out.', String(type), FILE_TYPES.join(', ')));
}

function fileIdOf(input: unknown): string {
  const parsed = parseFileRef(requiredText(input, 'id'));
  if (!parsed.ok) throw new ToolInputError(vscode.l10n.t('"{0}" is not a VideoGen file id: ids look like vg_file_ followed by 22 letters and digits.', String(input)));
  return parsed.fileId;
}

/** The library file an id names; a clear Error when it is not (or no longer) in the library. */
async function libraryFile(app: App, fileId: string, token: vscode.CancellationToken): Promise<FileInfo> {
  const result = await app.lookup.resolve(fileId, abortOnCancel(token).signal);
  if (result.kind === 'found') return result.file;
  if (result.kind === 'archived') throw new ToolInputError(vscode.l10n.t('{0} was archived: it is no longer part of the VideoGen library.', fileId));
  throw new ToolInputError(vscode.l10n.t('There is no file {0} in this VideoGen library. Search with {1} to find the right id.', fileId, TOOL_NAMES.searchFiles));
}

async function getFile(app: App, input: GetFileInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const file = await libraryFile(app, fileIdOf(input.id), token);
  return textResult(toolJson(fileDetails(file)));
}

function documentName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri);
}

function knownName(app: App, fileId: string): string | undefined {
  const known = app.lookup.peek(fileId);
  return known && known.kind !== 'missing' ? known.file?.displayName : undefined;
}

async function prepareInsert(app: App, input: InsertInput): Promise<vscode.PreparedToolInvocation> {
  const parsed = parseFileRef(String(input.id ?? ''));
  const fileId = parsed.ok ? parsed.fileId : String(input.id ?? '');
  const name = parsed.ok ? (knownName(app, fileId) ?? (await nameFromLookup(app, fileId))) : undefined;
  const file = name ? `${quotedName(name)} (${fileId})` : fileId;
  const format = typeof input.format === 'string' ? getFormat(input.format)?.label ?? input.format : undefined;
  const editor = peekTargetTextEditor();
  const where = editor ? documentName(editor.document) : undefined;
  const message =
    where === undefined
      ? vscode.l10n.t('Insert a reference to {0} at the cursor of the active editor?', file)
      : format === undefined
        ? vscode.l10n.t('Insert a reference to {0} at the cursor in {1}?', file, where)
        : vscode.l10n.t('Insert a reference to {0} as {1} at the cursor in {2}?', file, format, where);
  return {
    invocationMessage: vscode.l10n.t('Inserting a reference to {0}', file),
    confirmationMessages: confirmation(TOOL_NAMES.insertReference, vscode.l10n.t('Insert VideoGen reference'), message),
  };
}

/** A name for the confirmation; without one (no key, offline) the id alone names the file. */
async function nameFromLookup(app: App, fileId: string): Promise<string | undefined> {
  try {
    const result = await app.lookup.resolve(fileId);
    return result.kind === 'missing' ? undefined : result.file?.displayName;
  } catch {
    return undefined;
  }
}

async function insertReference(app: App, input: InsertInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const file = await libraryFile(app, fileIdOf(input.id), token);
  const editor = await targetTextEditor();
  if (!editor) throw new ToolInputError(vscode.l10n.t('No text editor is open. Ask the user to open the file to insert into and put the cursor where the reference goes.'));
  const languageId = editor.document.languageId;
  const formats = offeredFormats(languageId, [file]);
  const format = input.format === undefined || input.format === '' ? defaultInsertFormat(languageId, [file]) : formats.find((f) => f.id === input.format);
  if (!format) {
    throw new ToolInputError(
      vscode.l10n.t('The format "{0}" is not offered for this file in a {1} document. Offered formats: {2}.', String(input.format), languageId, formats.map((f) => f.id).join(', ')),
    );
  }
  if (token.isCancellationRequested) throw new vscode.CancellationError();
  const inserted = await vscode.commands.executeCommand<string | undefined>('videogen.insertAs', file.fileId, format.id);
  if (inserted === undefined) {
    throw new ToolInputError(vscode.l10n.t('Nothing was inserted into {0}: the editor is read-only, or the reference could not be made (VideoGen showed the reason).', documentName(editor.document)));
  }
  return textResult(
    toolJson({
      inserted: true,
      id: file.fileId,
      name: file.displayName,
      format: format.id,
      document: documentName(editor.document),
      line: editor.selection.active.line + 1,
      // A URL format's text holds a URL that may be signed: it stays in the document and out of the model's context.
      text: format.reference === 'id' ? inserted : null,
      note:
        format.reference === 'url' && !file.isPublicPreviewEnabled
          ? vscode.l10n.t('The inserted URL is signed and expires. For a lasting reference insert an id format, or ask the user to turn on public preview.')
          : null,
    }),
  );
}

function workspaceFolderPaths(): { name: string; path: string }[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, path: folder.uri.path }));
}

function prepareUpload(input: UploadInput): vscode.PreparedToolInvocation {
  const given = String(input.path ?? '');
  const resolved = resolveWorkspacePath(given, workspaceFolderPaths());
  const shown = resolved.ok ? vscode.workspace.asRelativePath(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![resolved.folderIndex]!.uri, resolved.relative)) : given;
  return {
    invocationMessage: vscode.l10n.t('Uploading {0} to VideoGen', shown),
    confirmationMessages: confirmation(
      TOOL_NAMES.uploadFile,
      vscode.l10n.t('Upload to VideoGen'),
      vscode.l10n.t('Upload {0} from the workspace to your VideoGen library?', shown),
    ),
  };
}

/** The workspace file an upload names: inside a workspace folder, an existing file of a type VideoGen takes. */
async function uploadTarget(given: string): Promise<vscode.Uri> {
  const resolved = resolveWorkspacePath(given, workspaceFolderPaths());
  if (!resolved.ok) {
    throw new ToolInputError(
      resolved.reason === 'noFolder'
        ? vscode.l10n.t('No folder is open in VS Code: only files of the workspace can be uploaded.')
        : resolved.reason === 'empty'
          ? vscode.l10n.t('"path" is required: a file path relative to the workspace folder.')
          : vscode.l10n.t('"{0}" is outside the workspace folders: only files of the workspace can be uploaded.', given),
    );
  }
  const folder = vscode.workspace.workspaceFolders![resolved.folderIndex]!;
  const uri = vscode.Uri.joinPath(folder.uri, resolved.relative);
  try {
    mediaTypeOf(resolved.relative);
  } catch (error) {
    if (!(error instanceof UnsupportedMediaTypeError)) throw error;
    const accepted = Object.values(acceptedExtensions()).flat().join(', ');
    throw new ToolInputError(vscode.l10n.t('{0} VideoGen takes these file types: {1}.', error.message + '.', accepted));
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new ToolInputError(vscode.l10n.t('There is no file {0} in the workspace.', vscode.workspace.asRelativePath(uri)));
  }
  if (!(stat.type & vscode.FileType.File)) throw new ToolInputError(vscode.l10n.t('{0} is a folder, not a file.', vscode.workspace.asRelativePath(uri)));
  if (uri.scheme === 'file' && !(await realPathStaysInside(folder.uri.fsPath, uri.fsPath))) {
    throw new ToolInputError(vscode.l10n.t('"{0}" links to a file outside the workspace folders: only files of the workspace can be uploaded.', given));
  }
  return uri;
}

/** A symbolic link inside the folder may point anywhere on the disk: the real paths decide. */
async function realPathStaysInside(folder: string, file: string): Promise<boolean> {
  return staysInside(await realpath(folder), await realpath(file));
}

async function uploadFile(app: App, input: UploadInput, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const uri = await uploadTarget(requiredText(input.path, 'path'));
  const result = await uploadFiles(app, [uri], { token });
  const [item] = result.items;
  if (!item || item.status === 'cancelled') throw new vscode.CancellationError();
  if (item.status === 'failed') throw new ToolInputError(vscode.l10n.t('The upload of {0} failed: {1}', vscode.workspace.asRelativePath(uri), item.reason ?? vscode.l10n.t('see the VideoGen log')));
  const details = fileDetails(item.file);
  return textResult(toolJson({ uploaded: true, path: vscode.workspace.asRelativePath(uri), ...details }));
}
