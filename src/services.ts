import type * as vscode from 'vscode';
import type { ApiKeyStore } from './auth/apiKeyStore';
import type { ErrorReporter } from './errors';
import type { ProcessingWatch } from './files/processingWatch';
import type { FileStore } from './files/store';
import type { Log } from './log';
import type { ApiSession } from './session';

/** The long-lived parts of the extension that features are built from. Created once in `activate`. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly session: ApiSession;
  readonly errors: ErrorReporter;
  /** Every file the window knows; views subscribe, commands put what the API answered. */
  readonly store: FileStore;
  /** The one poll of files still processing; views hold it while they show such files. */
  readonly processing: ProcessingWatch;
}
