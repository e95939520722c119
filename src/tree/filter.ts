import * as vscode from 'vscode';
import { FILE_TYPES, type KnownFileType } from '../api/models';
import { readSettings, SECTION } from '../config';
import { pluralTypeLabel } from '../files/wording';
import type { ListQuery, ListView } from './listModel';

export function readListQuery(): ListQuery {
  const s = readSettings();
  return { pageSize: s.pageSize, includeProjectFiles: s.includeProjectFiles, includeExportFiles: s.includeExportFiles };
}

export function readListView(): ListView {
  const s = readSettings();
  const typeFilter = FILE_TYPES.filter((t) => s.typeFilter.includes(t));
  return { groupBy: s.groupBy, typeFilter, thumbnails: s.thumbnails };
}

/** The view description: "Images, Videos · project files · export files"; undefined when nothing is filtered. */
export function describeFilter(query: ListQuery, view: ListView): string | undefined {
  const parts: string[] = [];
  if (view.typeFilter.length > 0) parts.push(view.typeFilter.map(pluralTypeLabel).join(', '));
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
  const typeItems: FilterPick[] = FILE_TYPES.map((type) => ({ label: pluralTypeLabel(type), value: type, picked: view.typeFilter.includes(type) }));
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
