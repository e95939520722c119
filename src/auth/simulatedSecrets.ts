// Secret storages that fail the way real ones do, for tests only: reached through src/testHooks.ts (ExtensionMode.Test)
// and, for the e2e suites that drive a development window, through VIDEOGEN_TEST_SECRET_STORAGE (never in production).
import type { SecretBackend } from './apiKeyStore';

export const SIMULATED_SECRET_STORAGE_ENV = 'VIDEOGEN_TEST_SECRET_STORAGE';

/** `unavailable`: every call throws, as without an OS keyring. `forgetful`: kept in memory, so a reload loses it. */
export type SimulatedSecretStorage = 'unavailable' | 'forgetful';

export function simulatedSecretStorage(kind: SimulatedSecretStorage): SecretBackend {
  return kind === 'unavailable' ? unavailableSecrets() : forgetfulSecrets();
}

/** The simulation the environment asks for, if any (`unavailable` or `forgetful`). */
export function simulationFromEnv(env: NodeJS.ProcessEnv = process.env): SimulatedSecretStorage | undefined {
  const value = env[SIMULATED_SECRET_STORAGE_ENV];
  return value === 'unavailable' || value === 'forgetful' ? value : undefined;
}

function unavailableSecrets(): SecretBackend {
  const fail = (): Promise<never> => Promise.reject(new Error('Cannot create an item in a locked collection (simulated: no OS keyring)'));
  return { get: fail, store: fail, delete: fail, onDidChange: () => ({ dispose: () => undefined }) };
}

function forgetfulSecrets(): SecretBackend {
  const values = new Map<string, string>();
  const listeners = new Set<(e: { key: string }) => unknown>();
  const changed = (key: string): void => listeners.forEach((listener) => listener({ key }));
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => {
      values.set(key, value);
      changed(key);
    },
    delete: async (key) => {
      values.delete(key);
      changed(key);
    },
    onDidChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
}
