import type * as vscode from 'vscode';
import type { ApiKeyStore } from './auth/apiKeyStore';
import type { ErrorReporter } from './errors';
import type { Log } from './log';
import type { ApiSession } from './session';

/** The long-lived parts of the extension that features are built from. Created once in `activate`. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly session: ApiSession;
  readonly errors: ErrorReporter;
}
