// Shared helpers for the local server's tests: plain fetch against a server started in-process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LocalVideoGenServer, WireFileInfo } from '../../server/server';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface FilePage {
  files: WireFileInfo[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** Calls the API with the server's key (unless `key` is given; null sends no Authorization) and parses JSON. */
export async function api<T = unknown>(
  server: LocalVideoGenServer,
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; rawBody?: string; key?: string | null; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? server.apiKey : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${server.baseUrl}${pathAndQuery}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function listAll(server: LocalVideoGenServer, query: string, limit: number): Promise<{ files: WireFileInfo[]; pages: number }> {
  const files: WireFileInfo[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: ApiResponse<FilePage> = await api<FilePage>(server, 'GET', `/v1/files?limit=${limit}${query}${suffix}`);
    if (page.status !== 200) throw new Error(`page ${pages} failed: ${page.status} ${JSON.stringify(page.body)}`);
    files.push(...page.body.files);
    pages++;
    cursor = page.body.hasMore ? page.body.nextCursor : null;
    if (page.body.hasMore === (page.body.nextCursor === null)) throw new Error('hasMore and nextCursor disagree');
  } while (cursor !== null);
  return { files, pages };
}

export async function findByName(server: LocalVideoGenServer, displayName: string, query = '&includeProjectFiles=true&includeExportFiles=true'): Promise<WireFileInfo> {
  const { files } = await listAll(server, query, 200);
  const file = files.find((candidate) => candidate.displayName === displayName);
  if (!file) throw new Error(`no file named ${displayName}`);
  return file;
}

/** Writes a library JSON to a temporary file, removed when the test process exits, and returns its path. */
export function writeTempLibrary(entries: unknown[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-library-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'library.json');
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
