// Thumbnails of library files, shared by every surface that shows one (tree rows, tooltips, hovers, completion).

import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ApiSession } from '../session';
import { ThumbnailCache } from './cache';
import { createImageFetcher } from './imageFetch';

export { ThumbnailCache } from './cache';

/** The window's one thumbnail cache, under `globalStorage/thumbnails`. */
export function createThumbnailCache(context: vscode.ExtensionContext, session: ApiSession, log: Log): ThumbnailCache {
  return new ThumbnailCache({
    directory: vscode.Uri.joinPath(context.globalStorageUri, 'thumbnails'),
    fetchImage: createImageFetcher(() => session.dispatcher()),
    hydrate: async (fileId, signal) => (await session.hydratedFiles()).refresh(fileId, signal),
    peekHydrated: async (fileId) => (await session.hydratedFiles().catch(() => undefined))?.peek(fileId),
    log,
  });
}
