import type * as vscode from 'vscode';
import type { ApiKeyStore } from './auth/apiKeyStore';
import type { ErrorReporter } from './errors';
import type { ProcessingWatch } from './files/processingWatch';
import type { FileLookup } from './files/lookup';
import type { RememberedFiles } from './files/remembered';
import type { LibrarySearch } from './files/search';
import type { FileStore } from './files/store';
import type { Log } from './log';
import type { ApiSession } from './session';
import type { ThumbnailCache } from './thumbnails';

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
  /** Thumbnails on disk, downloaded once: every surface that shows one reads them here. */
  readonly thumbnails: ThumbnailCache;
  /** What an id found in text refers to (store first, else one GET; background checks bounded per minute). */
  readonly lookup: FileLookup;
  /** This workspace's pinned and recently inserted files (ids only). */
  readonly remembered: RememberedFiles;
  /** VideoGen's semantic search: results to the store, searches while typing held to a share of the hourly budget. */
  readonly search: LibrarySearch;
}
