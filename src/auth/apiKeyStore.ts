// Where the API key lives. No vscode import: the secret store, the memento and the environment are passed in, so
// the failure modes (no OS keyring, a key lost on reload) are tested in plain Node.

const SECRET_KEY = 'videogen.apiKey';
/** A flag (never the key) in the global state: a key was saved, so finding none later means storage lost it. */
const SAVED_FLAG = 'videogen.apiKeySaved';
export const ENV_API_KEY = 'VIDEOGEN_API_KEY';

export type ApiKeySource = 'secretStorage' | 'session' | 'environment';

export interface ResolvedApiKey {
  key: string;
  source: ApiKeySource;
}

/**
 * What the secret storage did on its last use: `unavailable` when it threw (no OS keyring, as on a headless Linux
 * desktop), `lost` when a key saved earlier is no longer in it (web and server hosts without a keyring keep
 * secrets in memory only, so a window reload forgets them).
 */
export type SecretStorageHealth = 'ok' | 'unavailable' | 'lost';

/** The parts of vscode.SecretStorage this uses. */
export interface SecretBackend {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown };
}

/** The parts of vscode.Memento (global state) this uses. */
export interface FlagState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Thrown by `store` when the secret storage refused the key; the key was not saved anywhere. */
export class SecretStorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super('The secret storage is not available.');
    this.name = 'SecretStorageUnavailableError';
  }
}

/**
 * The key, from (first match): a key given for this session only (memory), VS Code's SecretStorage (OS keychain on
 * desktop), the `VIDEOGEN_API_KEY` environment variable. Never settings, never logged.
 */
export class ApiKeyStore {
  private readonly listeners = new Set<() => void>();
  private subscription: { dispose(): unknown };
  private sessionKey: string | undefined;
  private lastHealth: SecretStorageHealth = 'ok';

  constructor(
    private secrets: SecretBackend,
    private readonly flags: FlagState,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = this.watch(secrets);
  }

  /** What the secret storage did when last used (known after `get`). */
  get health(): SecretStorageHealth {
    return this.lastHealth;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async get(): Promise<ResolvedApiKey | undefined> {
    const stored = await this.readStored();
    if (this.sessionKey) return { key: this.sessionKey, source: 'session' };
    if (stored) return { key: stored, source: 'secretStorage' };
    const fromEnv = this.env[ENV_API_KEY]?.trim();
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  /** Saves the key in the secret storage; throws SecretStorageUnavailableError when it cannot. */
  async store(key: string): Promise<void> {
    // A session key would hide the saved one; the storage announces the new key itself (see watch).
    const sessionKey = this.sessionKey;
    this.sessionKey = undefined;
    try {
      await this.secrets.store(SECRET_KEY, key.trim());
    } catch (error) {
      this.sessionKey = sessionKey;
      this.lastHealth = 'unavailable';
      throw new SecretStorageUnavailableError(error);
    }
    this.lastHealth = 'ok';
    await this.flags.update(SAVED_FLAG, true);
  }

  /** Uses the key until the window closes, kept in memory only. */
  useForSession(key: string): void {
    this.sessionKey = key.trim();
    this.fire();
  }

  /** Forgets the session key and the stored one (a secret storage that cannot be reached has nothing to delete). */
  async clear(): Promise<void> {
    const hadSessionKey = this.sessionKey !== undefined;
    this.sessionKey = undefined;
    await this.flags.update(SAVED_FLAG, undefined);
    try {
      await this.secrets.delete(SECRET_KEY);
      if (this.lastHealth === 'lost') this.lastHealth = 'ok';
      if (hadSessionKey) this.fire();
    } catch {
      this.lastHealth = 'unavailable';
      this.fire();
    }
  }

  /** Test mode only (src/testHooks.ts): reads and writes go to `backend` from now on. */
  replaceSecretsForTests(backend: SecretBackend): void {
    this.subscription.dispose();
    this.secrets = backend;
    this.subscription = this.watch(backend);
    this.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  /** Changes made by this window and by other windows sharing the same secret storage. */
  private watch(secrets: SecretBackend): { dispose(): unknown } {
    return secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.fire();
    });
  }

  private async readStored(): Promise<string | undefined> {
    let stored: string | undefined;
    try {
      stored = (await this.secrets.get(SECRET_KEY))?.trim();
    } catch {
      this.lastHealth = 'unavailable';
      return undefined;
    }
    this.lastHealth = !stored && this.flags.get<boolean>(SAVED_FLAG) === true ? 'lost' : 'ok';
    return stored || undefined;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
