import type { FileInfo } from '../api/models';

/** The sections of the grouped view, in display order. */
export const FILE_GROUPS = ['images', 'videos', 'audio', 'other'] as const;
export type FileGroup = (typeof FILE_GROUPS)[number];

/**
 * One file of the library. Commands resolve their arguments by this shape (`kind: 'file'` + `file`),
 * so it stays a plain object. The tree keeps one node per file id and replaces `file` in place on
 * updates, which keeps selection and the VS Code element handle stable.
 */
export interface FileNode {
  readonly kind: 'file';
  file: FileInfo;
}

/** A section of the grouped view: Images, Videos, Audio or Other. */
export interface GroupNode {
  readonly kind: 'group';
  readonly group: FileGroup;
}

/** The "Load more…" row at the end of the list. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
}

export type TreeNode = FileNode | GroupNode | LoadMoreNode;

export function isFileNode(value: unknown): value is FileNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Partial<FileNode>;
  return node.kind === 'file' && typeof node.file === 'object' && node.file !== null;
}
