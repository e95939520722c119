import * as vscode from 'vscode';

const SECRET_KEY = 'videogen.apiKey';
export const ENV_API_KEY = 'VIDEOGEN_API_KEY';

export type ApiKeySource = 'secretStorage' | 'environment';

export interface ResolvedApiKey {
  key: string;
  source: ApiKeySource;
}

/**
 * Where the API key lives: VS Code's SecretStorage (OS keychain on desktop), never settings.
 * `VIDEOGEN_API_KEY` from the environment is used only when no key is stored.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // Fires for changes made by this window and by other windows sharing the same secret storage.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  async get(): Promise<ResolvedApiKey | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    if (stored) return { key: stored, source: 'secretStorage' };
    const fromEnv = this.env[ENV_API_KEY]?.trim();
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  async store(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
