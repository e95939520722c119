// Tree items of the root sections (search results, Pinned, Recently inserted) and of their rows that are not files.
import * as vscode from 'vscode';
import { inertText } from '../files/safeText';
import type { IdNode, NoticeNode, Section } from './nodes';

export interface SectionSummary {
  /** The query of the results root (hostile text: shown as text, shortened). */
  query: string;
  /** Files shown; undefined while nothing is known yet. */
  count: number | undefined;
  searching: boolean;
}

const MAX_QUERY_IN_LABEL = 60;

/** The query as the results root shows it: one line, at most MAX_QUERY_IN_LABEL characters. */
export function shownQuery(query: string): string {
  const chars = [...inertText(query)];
  return chars.length > MAX_QUERY_IN_LABEL ? `${chars.slice(0, MAX_QUERY_IN_LABEL - 1).join('')}…` : chars.join('');
}

function sectionLabel(section: Section, summary: SectionSummary): string {
  switch (section) {
    case 'results':
      return vscode.l10n.t("Results for '{0}'", shownQuery(summary.query));
    case 'pinned':
      return vscode.l10n.t('Pinned');
    case 'recent':
      return vscode.l10n.t('Recently inserted');
  }
}

const SECTION_ICONS: Readonly<Record<Section, string>> = { results: 'search', pinned: 'pinned', recent: 'history' };
const SECTION_CONTEXT: Readonly<Record<Section, string>> = { results: 'searchResults', pinned: 'pinnedSection', recent: 'recentSection' };

function countLabel(count: number): string {
  return count === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', count);
}

export function sectionItem(section: Section, summary: SectionSummary): vscode.TreeItem {
  const label = sectionLabel(section, summary);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `section/${section}`;
  item.iconPath = new vscode.ThemeIcon(SECTION_ICONS[section]);
  item.contextValue = SECTION_CONTEXT[section];
  const state = summary.searching ? vscode.l10n.t('searching') : summary.count === undefined ? undefined : countLabel(summary.count);
  if (summary.count !== undefined) item.description = String(summary.count);
  item.accessibilityInformation = { label: state === undefined ? label : `${label}, ${state}` };
  item.tooltip = item.accessibilityInformation.label;
  return item;
}

const ID_STATES: Readonly<Record<IdNode['state'], { icon: string; color?: string }>> = {
  loading: { icon: 'loading~spin' },
  missing: { icon: 'circle-slash', color: 'list.warningForeground' },
  archived: { icon: 'archive' },
  failed: { icon: 'warning', color: 'list.warningForeground' },
};

function idStateLabel(state: IdNode['state']): string {
  switch (state) {
    case 'loading':
      return vscode.l10n.t('Loading…');
    case 'missing':
      return vscode.l10n.t('Not in your library');
    case 'archived':
      return vscode.l10n.t('Archived');
    case 'failed':
      return vscode.l10n.t('Could not load (Refresh to try again)');
  }
}

/** A row for an id whose file is not shown: the id, and why. A pinned one offers Unpin (contextValue `pinned`). */
export function idItem(node: IdNode, pinned: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(node.fileId, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.section}/unresolved/${node.fileId}`;
  const look = ID_STATES[node.state];
  item.iconPath = new vscode.ThemeIcon(look.icon, look.color === undefined ? undefined : new vscode.ThemeColor(look.color));
  item.description = idStateLabel(node.state);
  item.contextValue = `unresolved ${node.state}${pinned ? ' pinned' : ''}`;
  item.accessibilityInformation = { label: `${node.fileId}, ${idStateLabel(node.state)}` };
  item.tooltip = node.state === 'missing' ? vscode.l10n.t('VideoGen answered that no file of your library has the id {0}.', node.fileId) : item.accessibilityInformation.label;
  return item;
}

const NOTICE_ICONS: Readonly<Record<NoticeNode['notice'], { icon: string; color?: string }>> = {
  searching: { icon: 'loading~spin' },
  noResults: { icon: 'info' },
  failed: { icon: 'error', color: 'list.errorForeground' },
};

export function noticeItem(node: NoticeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = `results/notice/${node.notice}`;
  const look = NOTICE_ICONS[node.notice];
  item.iconPath = new vscode.ThemeIcon(look.icon, look.color === undefined ? undefined : new vscode.ThemeColor(look.color));
  item.contextValue = `notice ${node.notice}`;
  item.accessibilityInformation = { label: node.text };
  item.tooltip = node.text;
  return item;
}
