// Which workspace file an upload tool's `path` names. A model gives a path relative to a workspace folder (or, in a
// multi-root workspace, starting with the folder's name, as VS Code's asRelativePath writes it), or an absolute
// path inside a folder. Anything that leaves the folders (`..`, another absolute path) is refused before the disk
// is touched. Paths are URI paths (forward slashes). No vscode import.

import * as path from 'node:path';

export interface WorkspaceFolderPath {
  readonly name: string;
  /** The folder's URI path, e.g. `/home/me/project` (or `/c:/work/project`). */
  readonly path: string;
}

export type WorkspacePathResult =
  | { readonly ok: true; readonly folderIndex: number; /** Relative to the folder, forward slashes, never empty. */ readonly relative: string }
  | { readonly ok: false; readonly reason: 'empty' | 'noFolder' | 'outside' };

function isInside(parent: string, child: string): boolean {
  const relative = path.posix.relative(parent, child);
  return relative !== '' && !relative.startsWith('../') && relative !== '..' && !path.posix.isAbsolute(relative);
}

/** Backslashes as slashes, a Windows drive letter as VS Code writes it in a URI path (`/c:/…`). */
function asUriPath(input: string): string {
  const slashed = input.trim().replace(/\\/g, '/');
  return /^[A-Za-z]:\//.test(slashed) ? `/${slashed[0]!.toLowerCase()}${slashed.slice(1)}` : slashed;
}

function lowerDrive(uriPath: string): string {
  return uriPath.replace(/^\/([A-Za-z]):/, (_m, drive: string) => `/${drive.toLowerCase()}:`);
}

export function resolveWorkspacePath(input: string, folders: readonly WorkspaceFolderPath[]): WorkspacePathResult {
  const given = asUriPath(input);
  if (given === '' || given === '.' || given === '/') return { ok: false, reason: 'empty' };
  if (folders.length === 0) return { ok: false, reason: 'noFolder' };
  const roots = folders.map((folder) => path.posix.normalize(lowerDrive(folder.path)).replace(/\/+$/, '') || '/');
  const candidates: Array<[number, string]> = [];
  if (path.posix.isAbsolute(given)) {
    roots.forEach((_root, index) => candidates.push([index, path.posix.normalize(given)]));
  } else {
    const [first, ...rest] = given.split('/');
    if (folders.length > 1) {
      folders.forEach((folder, index) => {
        if (folder.name === first && rest.length > 0) candidates.push([index, path.posix.join(roots[index]!, rest.join('/'))]);
      });
    }
    roots.forEach((root, index) => candidates.push([index, path.posix.join(root, given)]));
  }
  for (const [index, full] of candidates) {
    if (isInside(roots[index]!, full)) return { ok: true, folderIndex: index, relative: path.posix.relative(roots[index]!, full) };
  }
  return { ok: false, reason: 'outside' };
}

/** Whether a resolved real path (symbolic links followed) is still inside the real path of its folder. */
export function staysInside(realFolder: string, realFile: string): boolean {
  const relative = path.relative(realFolder, realFile);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
