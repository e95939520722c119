import * as vscode from 'vscode';
import { HydratedFileCache, resetExpiryMargin, validateBaseUrl, VideoGenClient, type RetryOptions, type RetryWait } from './api';
import type { Dispatcher } from './net/undici';
import type { ApiKeyStore, ResolvedApiKey, SecretStorageHealth } from './auth/apiKeyStore';
import { affectsConnection, readProxySettings, readSettings } from './config';
import type { FileStore } from './files/store';
import { Log } from './log';
import { createDispatcher } from './net/dispatcher';

/** What the views show: drives the `videogen.state` context key and the welcome content. */
export type SessionState = 'noKey' | 'badBaseUrl' | 'unauthorized' | 'ready';

/** Thrown when a command needs the API and no key is configured. The error reporter offers "Set API Key". */
export class NoApiKeyError extends Error {
  constructor(storage: SecretStorageHealth = 'ok') {
    super(noKeyMessage(storage));
    this.name = 'NoApiKeyError';
  }
}

function noKeyMessage(storage: SecretStorageHealth): string {
  switch (storage) {
    case 'lost':
      return vscode.l10n.t("No VideoGen API key is set: VS Code's secret storage lost the saved key when the window reloaded.");
    case 'unavailable':
      return vscode.l10n.t("No VideoGen API key is set: VS Code's secret storage is not available, so no key could be saved.");
    case 'ok':
      return vscode.l10n.t('No VideoGen API key is set.');
  }
}

/** Thrown when `videogen.apiBaseUrl` is unusable. The error reporter offers "Open Settings". */
export class BadBaseUrlError extends Error {
  constructor(reason: string) {
    super(vscode.l10n.t('The setting videogen.apiBaseUrl is invalid: {0}', reason));
    this.name = 'BadBaseUrlError';
  }
}

const KEY_ORIGIN: Readonly<Record<ResolvedApiKey['source'], string>> = {
  secretStorage: 'from secret storage',
  session: 'given for this session only',
  environment: 'from VIDEOGEN_API_KEY',
};

/**
 * Someone is waiting on every request the extension makes, so a retry never waits longer than a user would rather
 * be told: a 429 asking for 30 s surfaces at once, saying until when (backoff for a 5xx still fits).
 */
const INTERACTIVE_RETRY: RetryOptions = { maxDelayMs: 5_000, maxTotalDelayMs: 10_000 };

interface Connection {
  client: VideoGenClient;
  hydrated: HydratedFileCache;
}

/**
 * Owns the one API client of the window: built lazily from the stored key, the settings and the shared
 * proxy-aware dispatcher, and rebuilt when any of them changes. Creating it makes no request.
 */
export class ApiSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the key or the connection settings changed: views should reload. */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<SessionState>();
  /** Fires when `state` changed (known once a view or command connected). */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly retryWaits = new vscode.EventEmitter<RetryWait>();
  /** Fires when the client waits out a retryable failure (e.g. a short 429) before trying again. */
  readonly onDidWaitToRetry = this.retryWaits.event;
  private readonly disposables: vscode.Disposable[] = [];
  private sharedDispatcher: Dispatcher | undefined;
  private connection: Promise<Connection | undefined> | undefined;
  private currentState: SessionState = 'ready';
  /** False until the first connection decided the state (`ready` is only the default until then). */
  private stateKnown = false;
  private unauthorized = false;
  private keyStorage: SecretStorageHealth = 'ok';

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
    private readonly userAgent: string,
    private readonly store: FileStore,
  ) {
    this.disposables.push(
      keys.onDidChange(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsConnection(e)) this.reset({ dispatcher: true });
      }),
    );
  }

  get state(): SessionState {
    return this.currentState;
  }

  /** Whether `state` has been decided by a connection yet (nothing connects before a view or command needs it). */
  get stateIsKnown(): boolean {
    return this.stateKnown;
  }

  /** The client, or undefined when no key is set or the base URL is refused (see `state`). */
  async client(): Promise<VideoGenClient | undefined> {
    return (await this.connect())?.client;
  }

  /** The client, or a NoApiKeyError / BadBaseUrlError that says how to fix it. */
  async requireClient(): Promise<VideoGenClient> {
    return (await this.requireConnection()).client;
  }

  /** Hydrated-URL cache of the current client: URLs valid for at least another minute. */
  async hydratedFiles(): Promise<HydratedFileCache> {
    return (await this.requireConnection()).hydrated;
  }

  /** The one proxy-aware dispatcher every request of the extension goes through (API calls and media). */
  dispatcher(): Dispatcher {
    this.sharedDispatcher ??= createDispatcher(readProxySettings());
    return this.sharedDispatcher;
  }

  /** A throwaway client for checking a key before it is stored. */
  createClientForKey(apiKey: string): VideoGenClient {
    const base = validateBaseUrl(readSettings().apiBaseUrl);
    if (!base.ok) throw new BadBaseUrlError(base.reason);
    return this.newClient(apiKey, base.url);
  }

  /** Called when the API answered 401 with the current key: the views switch to the "fix your key" state. */
  markUnauthorized(): void {
    if (this.unauthorized) return;
    this.unauthorized = true;
    this.setState('unauthorized');
  }

  /** Forgets the client; the next call builds a fresh one. */
  reset(options: { dispatcher?: boolean } = {}): void {
    const previous = this.connection;
    this.connection = undefined;
    this.unauthorized = false;
    previous?.then((c) => c?.client.close()).catch(() => undefined);
    if (options.dispatcher && this.sharedDispatcher) {
      const old = this.sharedDispatcher;
      this.sharedDispatcher = undefined;
      old.close().catch(() => undefined);
    }
    this.changed.fire();
  }

  private async requireConnection(): Promise<Connection> {
    const connection = await this.connect();
    if (connection) return connection;
    if (this.currentState === 'badBaseUrl') {
      const base = validateBaseUrl(readSettings().apiBaseUrl);
      throw new BadBaseUrlError(base.ok ? '' : base.reason);
    }
    throw new NoApiKeyError(this.keys.health);
  }

  private connect(): Promise<Connection | undefined> {
    this.connection ??= this.buildConnection();
    return this.connection;
  }

  private async buildConnection(): Promise<Connection | undefined> {
    const base = validateBaseUrl(readSettings().apiBaseUrl);
    if (!base.ok) {
      this.log.warn(`videogen.apiBaseUrl refused: ${base.reason}`);
      this.setState('badBaseUrl');
      return undefined;
    }
    const keyRead = this.keys.get();
    this.loadNetworkCode();
    const key = await keyRead;
    this.noteKeyStorage();
    if (!key) {
      this.setState('noKey');
      return undefined;
    }
    this.log.redact(key.key);
    this.log.info(`Using ${base.url} with the API key ${KEY_ORIGIN[key.source]}`);
    this.setState(this.unauthorized ? 'unauthorized' : 'ready');
    resetExpiryMargin();
    const client = this.newClient(key.key, base.url);
    return { client, hydrated: new HydratedFileCache(client, { onStored: (file) => this.store.put(file) }) };
  }

  /**
   * The network code (a second bundle, see src/net/undici.ts) loads while the secret storage answers: reading the
   * key is a round trip to the window, as long as the window is busy opening the view, and loading the code after
   * it made the first page wait for both.
   */
  private loadNetworkCode(): void {
    try {
      this.dispatcher();
    } catch {
      // A proxy setting it cannot use: said when the client is built with it.
    }
  }

  private newClient(apiKey: string, baseUrl: string): VideoGenClient {
    return new VideoGenClient({
      apiKey,
      baseUrl,
      dispatcher: this.dispatcher(),
      clientId: 'vscode',
      userAgent: this.userAgent,
      logger: (entry) => this.log.request(entry),
      retry: INTERACTIVE_RETRY,
      onRetryWait: (wait) => this.retryWaits.fire(wait),
    });
  }

  /** Drives the `videogen.keyStorage` context key (the welcome view says when the secret storage failed). */
  private noteKeyStorage(): void {
    const health = this.keys.health;
    if (health !== this.keyStorage) {
      if (health === 'unavailable') this.log.warn("VS Code's secret storage is not available (no OS keyring?): the API key cannot be saved");
      if (health === 'lost') this.log.warn("The API key saved earlier is no longer in VS Code's secret storage (it keeps secrets in memory only)");
    }
    this.keyStorage = health;
    void vscode.commands.executeCommand('setContext', 'videogen.keyStorage', health);
  }

  private setState(state: SessionState): void {
    const changed = !this.stateKnown || state !== this.currentState;
    this.stateKnown = true;
    this.currentState = state;
    if (changed) this.stateChanged.fire(state);
    void vscode.commands.executeCommand('setContext', 'videogen.state', state);
  }

  dispose(): void {
    this.connection?.then((c) => c?.client.close()).catch(() => undefined);
    this.sharedDispatcher?.close().catch(() => undefined);
    this.changed.dispose();
    this.stateChanged.dispose();
    this.retryWaits.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
