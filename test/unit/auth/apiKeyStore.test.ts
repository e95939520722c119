import { strict as assert } from 'node:assert';
import { ApiKeyStore, SecretStorageUnavailableError, type FlagState, type SecretBackend } from '../../../src/auth/apiKeyStore';
import { simulatedSecretStorage, simulationFromEnv } from '../../../src/auth/simulatedSecrets';

/** A global-state memento that lives as long as the test (it survives the "reloads" a fresh secret storage makes). */
function memento(): FlagState & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key, value) => void (value === undefined ? values.delete(key) : values.set(key, value)),
  };
}

function storeWith(secrets: SecretBackend, flags = memento(), env: NodeJS.ProcessEnv = {}): { keys: ApiKeyStore; changes: () => number } {
  const keys = new ApiKeyStore(secrets, flags, env);
  let changes = 0;
  keys.onDidChange(() => changes++);
  return { keys, changes: () => changes };
}

describe('ApiKeyStore', () => {
  it('prefers a session key, then the secret storage, then VIDEOGEN_API_KEY', async () => {
    const { keys } = storeWith(simulatedSecretStorage('forgetful'), memento(), { VIDEOGEN_API_KEY: ' sk_env ' });
    assert.deepEqual(await keys.get(), { key: 'sk_env', source: 'environment' });
    await keys.store('sk_stored');
    assert.deepEqual(await keys.get(), { key: 'sk_stored', source: 'secretStorage' });
    keys.useForSession('sk_session');
    assert.deepEqual(await keys.get(), { key: 'sk_session', source: 'session' });
    await keys.clear();
    assert.deepEqual(await keys.get(), { key: 'sk_env', source: 'environment' }, 'clearing keeps the environment fallback');
  });

  it('saving a key replaces the session key, and announces the change once', async () => {
    const { keys, changes } = storeWith(simulatedSecretStorage('forgetful'));
    keys.useForSession('sk_session');
    assert.equal(changes(), 1);
    await keys.store('sk_stored');
    assert.deepEqual(await keys.get(), { key: 'sk_stored', source: 'secretStorage' });
    assert.equal(changes(), 2, 'one change for the stored key (the storage announces it), none more');
  });

  describe('when the secret storage throws (no OS keyring)', () => {
    it('reads as "no stored key", says the storage is unavailable, and still uses VIDEOGEN_API_KEY', async () => {
      const { keys } = storeWith(simulatedSecretStorage('unavailable'), memento(), { VIDEOGEN_API_KEY: 'sk_env' });
      assert.deepEqual(await keys.get(), { key: 'sk_env', source: 'environment' });
      assert.equal(keys.health, 'unavailable');
    });

    it('refuses to store with SecretStorageUnavailableError and remembers nothing', async () => {
      const flags = memento();
      const { keys, changes } = storeWith(simulatedSecretStorage('unavailable'), flags);
      await assert.rejects(keys.store('sk_x'), SecretStorageUnavailableError);
      assert.equal(await keys.get(), undefined);
      assert.equal(flags.values.size, 0, 'no "a key was saved" flag');
      assert.equal(changes(), 0);
    });

    it('takes a key for this session, kept in memory only', async () => {
      const flags = memento();
      const { keys, changes } = storeWith(simulatedSecretStorage('unavailable'), flags);
      keys.useForSession(' sk_session ');
      assert.deepEqual(await keys.get(), { key: 'sk_session', source: 'session' });
      assert.equal(changes(), 1);
      assert.ok(![...flags.values.values()].some((value) => String(value).includes('sk_session')), 'the key is not in the global state');
      await keys.clear();
      assert.equal(await keys.get(), undefined, 'clear forgets the session key even though the storage throws');
      assert.equal(changes(), 2);
    });
  });

  describe('when the secret storage loses the key on reload', () => {
    it('says the saved key was lost (not that none was ever set) until one is set again or cleared', async () => {
      const flags = memento();
      const before = storeWith(simulatedSecretStorage('forgetful'), flags).keys;
      await before.store('sk_stored');
      assert.equal(before.health, 'ok');

      const afterReload = storeWith(simulatedSecretStorage('forgetful'), flags).keys;
      assert.equal(await afterReload.get(), undefined);
      assert.equal(afterReload.health, 'lost');
      afterReload.useForSession('sk_session');
      assert.deepEqual(await afterReload.get(), { key: 'sk_session', source: 'session' });

      await afterReload.clear();
      assert.equal(await afterReload.get(), undefined);
      assert.equal(afterReload.health, 'ok', 'after Clear API Key there is nothing to have lost');
    });

    it('is not "lost" when no key was ever saved', async () => {
      const { keys } = storeWith(simulatedSecretStorage('forgetful'));
      assert.equal(await keys.get(), undefined);
      assert.equal(keys.health, 'ok');
    });
  });

  it('follows a replaced secret storage (tests) and announces the change', async () => {
    const { keys, changes } = storeWith(simulatedSecretStorage('forgetful'));
    await keys.store('sk_stored');
    keys.replaceSecretsForTests(simulatedSecretStorage('unavailable'));
    assert.equal(await keys.get(), undefined);
    assert.equal(keys.health, 'unavailable');
    assert.equal(changes(), 2);
  });

  it('reads the simulation from VIDEOGEN_TEST_SECRET_STORAGE, ignoring other values', () => {
    assert.equal(simulationFromEnv({ VIDEOGEN_TEST_SECRET_STORAGE: 'unavailable' }), 'unavailable');
    assert.equal(simulationFromEnv({ VIDEOGEN_TEST_SECRET_STORAGE: 'forgetful' }), 'forgetful');
    assert.equal(simulationFromEnv({ VIDEOGEN_TEST_SECRET_STORAGE: 'yes' }), undefined);
    assert.equal(simulationFromEnv({}), undefined);
  });
});
