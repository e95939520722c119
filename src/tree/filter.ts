import * as vscode from 'vscode';
import { FILE_TYPES, type FileInfo, type KnownFileType } from '../api/models';
import { readSettings, SECTION } from '../config';

/** What is sent to `GET /v1/files`: a change means the loaded pages are no longer valid. */
export interface ListQuery {
  pageSize: number;
  includeProjectFiles: boolean;
  includeExportFiles: boolean;
}

/** How the loaded files are shown: applied client-side, no request needed when it changes. */
export interface ListView {
  groupBy: 'type' | 'none';
  /** Empty means every type, including files still processing (type null). */
  typeFilter: readonly KnownFileType[];
  thumbnails: boolean;
}

export function readListQuery(): ListQuery {
  const s = readSettings();
  return { pageSize: s.pageSize, includeProjectFiles: s.includeProjectFiles, includeExportFiles: s.includeExportFiles };
}

export function readListView(): ListView {
  const s = readSettings();
  const typeFilter = FILE_TYPES.filter((t) => s.typeFilter.includes(t));
  return { groupBy: s.groupBy, typeFilter, thumbnails: s.thumbnails };
}

export function sameQuery(a: ListQuery, b: ListQuery): boolean {
  return a.pageSize === b.pageSize && a.includeProjectFiles === b.includeProjectFiles && a.includeExportFiles === b.includeExportFiles;
}

export function matchesTypeFilter(file: FileInfo, typeFilter: readonly KnownFileType[]): boolean {
  return typeFilter.length === 0 || (file.type !== null && (typeFilter as readonly string[]).includes(file.type));
}

/** Plural type names for the filter picker and the view's filter description: "Images", "Videos"… */
export function typeFilterLabel(type: KnownFileType): string {
  switch (type) {
    case 'IMAGE':
      return vscode.l10n.t('Images');
    case 'VIDEO':
      return vscode.l10n.t('Videos');
    case 'AUDIO':
      return vscode.l10n.t('Audio');
    case 'PDF':
      return vscode.l10n.t('PDFs');
    case 'SLIDESHOW':
      return vscode.l10n.t('Slideshows');
    case 'TEXT':
      return vscode.l10n.t('Text');
    case 'LOTTIE':
      return vscode.l10n.t('Lottie animations');
  }
}

/** The view description: "Images, Videos · project files · export files"; undefined when nothing is filtered. */
export function describeFilter(query: ListQuery, view: ListView): string | undefined {
  const parts: string[] = [];
  if (view.typeFilter.length > 0) parts.push(view.typeFilter.map(typeFilterLabel).join(', '));
  if (query.includeProjectFiles) parts.push(vscode.l10n.t('project files'));
  if (query.includeExportFiles) parts.push(vscode.l10n.t('export files'));
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

type FilterPick = vscode.QuickPickItem & { value: KnownFileType | 'includeProjectFiles' | 'includeExportFiles' };

/**
 * One multi-select quick pick for the type filter and the two "include" switches. Accepting writes the
 * settings (globally, or where the user already set them); the tree reacts to the configuration change.
 */
export async function chooseFilter(): Promise<void> {
  const query = readListQuery();
  const view = readListView();
  const typeItems: FilterPick[] = FILE_TYPES.map((type) => ({ label: typeFilterLabel(type), value: type, picked: view.typeFilter.includes(type) }));
  const switchItems: FilterPick[] = [
    {
      label: vscode.l10n.t('Include project files'),
      detail: vscode.l10n.t('Files generated inside projects, such as each AI image or voice-over clip of a script-to-video run'),
      value: 'includeProjectFiles',
      picked: query.includeProjectFiles,
    },
    {
      label: vscode.l10n.t('Include export files'),
      detail: vscode.l10n.t('The output files of project exports'),
      value: 'includeExportFiles',
      picked: query.includeExportFiles,
    },
  ];
  const separator = (label: string): vscode.QuickPickItem & { value?: never } => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items = [separator(vscode.l10n.t('Show only these types (none selected: all)')), ...typeItems, separator(vscode.l10n.t('Also list')), ...switchItems];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Filter VideoGen Files'),
    placeHolder: vscode.l10n.t('Choose the types to show and the kinds of files to include'),
  });
  if (!picked) return;
  const values = new Set(picked.map((p) => p.value));
  await updateSetting('list.typeFilter', FILE_TYPES.filter((t) => values.has(t)));
  await updateSetting('list.includeProjectFiles', values.has('includeProjectFiles'));
  await updateSetting('list.includeExportFiles', values.has('includeExportFiles'));
}

/** Writes to the workspace when the value is set there (it would shadow a global value), else globally. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  if (JSON.stringify(config.get(key)) === JSON.stringify(value)) return;
  const inWorkspace = config.inspect(key)?.workspaceValue !== undefined;
  await config.update(key, value, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}
