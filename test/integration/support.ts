// What every integration suite needs: the extension's App, the local VideoGen server the harness started,
// and polling for state that VS Code updates asynchronously.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { App } from '../../src/app';
import type { TestHooks } from '../../src/testHooks';
import type { WireFileInfo } from '../server/model';

export const EXTENSION_ID = 'videogen-community.videogen-files';

/** Base URL of the local VideoGen server, without a trailing slash. */
export function serverUrl(): string {
  const url = process.env.VIDEOGEN_TEST_SERVER_URL;
  assert.ok(url, 'VIDEOGEN_TEST_SERVER_URL must point at the local VideoGen server');
  return url.replace(/\/+$/, '');
}

export function serverKey(): string {
  return process.env.VIDEOGEN_TEST_API_KEY ?? 'sk_videogen_local_dev';
}

/** What `activate()` returns in test mode (and only there): the extension's parts. */
export async function hooks(): Promise<TestHooks> {
  const ext = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const exported = await ext.activate();
  assert.ok(exported, 'the extension exports its test hooks in test mode');
  return exported;
}

/** The extension's App (services, tree, previews). */
export async function app(): Promise<App> {
  return (await hooks()).app;
}

/** Calls the local server's test-only admin API (`/__admin/...`). */
export async function admin<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${serverUrl()}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} /__admin/${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Polls `probe` until it returns a value (not undefined/false), or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Creates an upload the way the API's clients do (`POST /v1/files/upload`): the file is processing until its PUT. */
export async function createUpload(displayName: string): Promise<{ fileId: string; uploadUrl: string }> {
  const created = await fetch(`${serverUrl()}/v1/files/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serverKey()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName }),
  });
  assert.ok(created.ok, `POST /v1/files/upload answered ${created.status}`);
  return (await created.json()) as { fileId: string; uploadUrl: string };
}

/** Adds a file to the local server's library, as if made elsewhere (`POST /__admin/files`). */
export function addFile(entry: Record<string, unknown>): Promise<WireFileInfo> {
  return admin<WireFileInfo>('POST', 'files', entry);
}

/** Calls the local server's API with the test key, expecting 200, and returns the parsed body. */
export async function api<T = WireFileInfo>(method: 'GET' | 'POST', route: string): Promise<T> {
  const response = await fetch(`${serverUrl()}${route}`, { method, headers: { authorization: `Bearer ${serverKey()}` } });
  assert.equal(response.status, 200, `${method} ${route} answered ${response.status}`);
  return (await response.json()) as T;
}
