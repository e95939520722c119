import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RequestLogEntry } from '../server/http';
import { admin, app, EXTENSION_ID } from './support';

/** Whether the extension host has loaded dist/net.js, the bundle with undici (esbuild.js). */
function networkingLoaded(): boolean {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const netBundle = path.join(ext.extensionPath, 'dist', 'net.js');
  assert.ok(require.cache[path.join(ext.extensionPath, 'dist', 'extension.js')], 'the extension runs from dist/extension.js');
  return require.cache[netBundle] !== undefined;
}

describe('extension activation', () => {
  it(`${EXTENSION_ID} is installed as the development extension and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to the extension host`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.packageJSON.name, 'videogen-files');
  });

  // The first suite to run: nothing has asked for the network yet.
  it('makes no request and does not load the networking bundle (undici) until something needs it', async () => {
    const { session } = await app();
    const { requests } = await admin<{ requests: RequestLogEntry[] }>('GET', 'requests');
    assert.deepStrictEqual(requests.filter((r) => r.path.startsWith('/v1/')).map((r) => `${r.method} ${r.path}`), []);
    assert.strictEqual(networkingLoaded(), false, 'dist/net.js was loaded during activation');
    session.dispatcher();
    assert.strictEqual(networkingLoaded(), true, 'creating the shared dispatcher loads dist/net.js');
  });
});
