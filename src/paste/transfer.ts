// What a paste or drop holds that can go to the library: media files by URI (the Explorer, other tree views, the
// OS on desktop) and the bytes of pasted images or of files from the OS without a URI (the web).

import * as vscode from 'vscode';
import type { InMemoryUpload, UploadItem } from '../upload';
import { mediaTypeOf, mediaTypeOfMime } from '../files/mediaTypes';
import { parseUriList, pastedFileName } from './rules';

function isMediaName(name: string): boolean {
  try {
    mediaTypeOf(name);
    return true;
  } catch {
    return false;
  }
}

const nameOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

async function urisOf(dataTransfer: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const list = await dataTransfer.get('text/uri-list')?.asString();
  if (!list) return [];
  return parseUriList(list).flatMap((text) => {
    try {
      return [vscode.Uri.parse(text, true)];
    } catch {
      return [];
    }
  });
}

/**
 * The media in `dataTransfer`, in order: files by URI whose extension VideoGen takes (others, such as a pasted
 * source file, are not media), then file contents. An image is kept whatever its type, so that the upload can say
 * that VideoGen does not take it before anything is sent. The bytes are read now: VS Code keeps them only while
 * the paste or drop is being offered.
 */
export async function uploadItemsOf(dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<UploadItem[]> {
  const uris = (await urisOf(dataTransfer)).filter((uri) => isMediaName(nameOf(uri)));
  const known = new Set(uris.map((uri) => uri.toString()));
  const contents: Array<Thenable<InMemoryUpload>> = [];
  dataTransfer.forEach((item, mimeType) => {
    const file = item.asFile();
    if (!file) return;
    if (file.uri) {
      if (!known.has(file.uri.toString()) && isMediaName(nameOf(file.uri))) {
        known.add(file.uri.toString());
        uris.push(file.uri);
      }
      return;
    }
    const name = pastedFileName(file.name, mimeType);
    if (!mimeType.toLowerCase().startsWith('image/') && !mediaTypeOfMime(mimeType) && !isMediaName(name)) return;
    contents.push(file.data().then((bytes): InMemoryUpload => ({ name, bytes, mimeType })));
  });
  const pasted = await Promise.all(contents);
  return token.isCancellationRequested ? [] : [...uris, ...pasted];
}

/** The item's name for messages. */
export function itemName(item: UploadItem): string {
  return item instanceof vscode.Uri ? nameOf(item) : item.name;
}
