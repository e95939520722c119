import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SetApiKeyResult } from '../../src/auth/commands';
import { app, hooks, serverKey, serverUrl } from './support';

async function setBaseUrl(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('videogen').update('apiBaseUrl', value, vscode.ConfigurationTarget.Global);
}

describe('API key storage failures', () => {
  let simulation: vscode.Disposable | undefined;

  before(() => setBaseUrl(serverUrl()));
  afterEach(async () => {
    await vscode.commands.executeCommand('videogen.clearApiKey');
    simulation?.dispose();
    simulation = undefined;
  });

  it('a secret storage that throws: no key, and the state and the error say why', async () => {
    const { keys, session } = await app();
    simulation = (await hooks()).simulateSecretStorage('unavailable');
    assert.equal(await session.client(), undefined);
    assert.equal(session.state, 'noKey');
    assert.equal(keys.health, 'unavailable');
    await assert.rejects(session.requireClient(), (error: unknown) => error instanceof Error && error.name === 'NoApiKeyError' && /secret storage is not available/.test(error.message));
  });

  it('"Use an API Key for This Session" connects with a key kept in memory, never in settings', async () => {
    const { keys, session } = await app();
    simulation = (await hooks()).simulateSecretStorage('unavailable');
    assert.deepEqual(await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setSessionApiKey', serverKey()), { saved: true });
    assert.deepEqual(await keys.get(), { key: serverKey(), source: 'session' });
    assert.ok(await session.client());
    assert.equal(session.state, 'ready');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('videogen')).includes(serverKey()), 'the key is not in the settings');
  });

  it('a session key the API refuses is not used', async () => {
    const { keys } = await app();
    const result = await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setSessionApiKey', 'sk_videogen_wrong');
    assert.equal(result.saved, false);
    assert.equal(await keys.get(), undefined);
  });

  it('a secret storage that forgets on reload: the state says the saved key was lost', async () => {
    const { keys, session } = await app();
    const simulate = (await hooks()).simulateSecretStorage;
    simulation = simulate('forgetful');
    assert.deepEqual(await vscode.commands.executeCommand<SetApiKeyResult>('videogen.setApiKey', serverKey()), { saved: true });
    assert.ok(await session.client());
    simulation.dispose();
    simulation = simulate('forgetful'); // a fresh one: what the window finds after a reload
    assert.equal(await session.client(), undefined);
    assert.equal(keys.health, 'lost');
    await assert.rejects(session.requireClient(), /lost the saved key when the window reloaded/);
  });
});
