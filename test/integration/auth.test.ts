import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SetApiKeyResult } from '../../src/auth/commands';
import { app, serverKey, serverUrl, waitFor } from './support';


async function setBaseUrl(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', value, vscode.ConfigurationTarget.Global);
}

describe('API key and settings', () => {
  let baseUrlBefore: string | undefined;

  before(async () => {
    baseUrlBefore = vscode.workspace.getConfiguration('videogen').inspect<string>('apiBaseUrl')?.globalValue;
    await setBaseUrl(serverUrl());
  });

  after(async () => {
    await vscode.commands.executeCommand('videogen.clearApiKey');
    await setBaseUrl(baseUrlBefore);
  });

  it('starts with no key and says so through the videogen.state context', async () => {
    const { keys, session } = await app();
    await vscode.commands.executeCommand('videogen.clearApiKey');
    assert.equal(await keys.get(), undefined);
    assert.equal(await session.client(), undefined);
    assert.equal(session.state, 'noKey');
  });

  it('stores a key the API accepts in SecretStorage, and clears it again', async () => {
    const { keys, session } = await app();
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setApiKey', serverKey());
    assert.deepEqual(result, { saved: true });
    assert.deepEqual(await keys.get(), { key: serverKey(), source: 'secretStorage' });
    assert.ok(await session.client());
    assert.equal(session.state, 'ready');

    await vscode.commands.executeCommand('videogen.clearApiKey');
    assert.equal(await keys.get(), undefined);
    assert.equal(await session.client(), undefined);
  });

  it('refuses a key the API rejects, with the API\'s own message, and stores nothing', async () => {
    const { keys } = await app();
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setApiKey', 'sk_videogen_wrong');
    assert.deepEqual(result, { saved: false, reason: 'API key is invalid or has been revoked.' });
    assert.equal(await keys.get(), undefined);
  });

  it('never keeps the key in settings', async () => {
    await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
    const all = JSON.stringify(vscode.workspace.getConfiguration('videogen'));
    assert.ok(!all.includes(serverKey()), 'the key leaked into the videogen.* settings');
    await vscode.commands.executeCommand('videogen.clearApiKey');
  });

  it('fires a change for the views when the key or the base URL changes', async () => {
    const { session } = await app();
    let changes = 0;
    const subscription = session.onDidChange(() => changes++);
    try {
      await vscode.commands.executeCommand('videogen.setApiKey', serverKey());
      await waitFor('a change after the key was set', () => changes >= 1);
      await setBaseUrl(`${serverUrl()}/`);
      await waitFor('a change after the base URL changed', () => changes >= 2);
    } finally {
      subscription.dispose();
      await setBaseUrl(serverUrl());
      await vscode.commands.executeCommand('videogen.clearApiKey');
    }
  });

  describe('the base-URL rule', () => {
    afterEach(() => setBaseUrl(serverUrl()));

    for (const url of ['http://example.com', 'http://10.1.2.3:8080', 'ftp://api.videogen.io', 'not a url']) {
      it(`refuses ${url} and sends no key there`, async () => {
        const { session, keys } = await app();
        await setBaseUrl(url);
        const result = await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setApiKey', serverKey());
        assert.equal(result?.saved, false);
        assert.equal(await keys.get(), undefined);
        await keys.store(serverKey());
        try {
          assert.equal(await session.client(), undefined);
          assert.equal(session.state, 'badBaseUrl');
        } finally {
          await keys.clear();
        }
      });
    }

    for (const url of ['https://api.videogen.io', 'http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9']) {
      it(`accepts ${url}`, async () => {
        const { session, keys } = await app();
        await setBaseUrl(url);
        await keys.store('sk_videogen_placeholder_for_rule_check');
        try {
          assert.ok(await session.client(), `${url} should be usable`);
          assert.notEqual(session.state, 'badBaseUrl');
        } finally {
          await keys.clear();
        }
      });
    }
  });
});

