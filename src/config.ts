import * as vscode from 'vscode';
import { clampInteger, DEFAULT_BASE_URL, MAX_PAGE_SIZE } from './api';
import type { ProxySettings } from './net/dispatcher';

export const SECTION = 'videogen';

export type GroupBy = 'type' | 'none';

/** A typed snapshot of the `videogen.*` settings, clamped to their documented ranges. */
export interface VideoGenSettings {
  apiBaseUrl: string;
  pageSize: number;
  groupBy: GroupBy;
  typeFilter: readonly string[];
  includeProjectFiles: boolean;
  includeExportFiles: boolean;
  thumbnails: boolean;
  insertDefaultFormat: Readonly<Record<string, string>>;
  /** Ask before a command turns on public preview on its own (Copy Public Link). */
  confirmPublishing: boolean;
}

export function readSettings(): VideoGenSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    apiBaseUrl: (c.get<string>('apiBaseUrl') ?? DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL,
    pageSize: clampInteger(c.get<number>('list.pageSize'), 1, MAX_PAGE_SIZE) ?? 50,
    groupBy: c.get<string>('list.groupBy') === 'none' ? 'none' : 'type',
    typeFilter: c.get<string[]>('list.typeFilter') ?? [],
    includeProjectFiles: c.get<boolean>('list.includeProjectFiles') ?? false,
    includeExportFiles: c.get<boolean>('list.includeExportFiles') ?? false,
    thumbnails: c.get<boolean>('list.thumbnails') ?? true,
    insertDefaultFormat: c.get<Record<string, string>>('insert.defaultFormat') ?? {},
    confirmPublishing: c.get<boolean>('publicPreview.confirmBeforePublishing') ?? true,
  };
}

export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy') ?? '',
    strictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
    noProxy: http.get<string[]>('noProxy') ?? [],
  };
}

/** Settings whose change means "talk to the API differently": the client is rebuilt and views reload. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['videogen.apiBaseUrl', 'http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some((s) => e.affectsConfiguration(s));
}

/** "Don't ask again" for publishing: the user setting, so that it shows in Settings and can be turned back on. */
export function stopConfirmingPublishing(): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update('publicPreview.confirmBeforePublishing', false, vscode.ConfigurationTarget.Global);
}
