import type { FileInfo } from '../api/models';

/** The sections of the grouped view, in display order. */
export const FILE_GROUPS = ['images', 'videos', 'audio', 'other'] as const;
export type FileGroup = (typeof FILE_GROUPS)[number];

/** The root sections above the listing, in display order: search results, pinned files, recently inserted ones. */
export const SECTIONS = ['results', 'pinned', 'recent'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * One file of the library. Commands resolve their arguments by this shape (`kind: 'file'` + `file`),
 * so it stays a plain object. The tree keeps one node per file id and place, and replaces `file` in place on
 * updates, which keeps selection and the VS Code element handle stable. `section` is unset for the listing's rows;
 * a file also pinned (or found by a search) has a second node there.
 */
export interface FileNode {
  readonly kind: 'file';
  file: FileInfo;
  readonly section?: Section;
  /** Where a listing row is in the listing (0 = top), as last handed to VS Code; unset for rows of a section. */
  position?: number;
}

/** A section of the grouped view: Images, Videos, Audio or Other. */
export interface GroupNode {
  readonly kind: 'group';
  readonly group: FileGroup;
}

/** A root section: "Results for '…'", "Pinned" or "Recently inserted". */
export interface SectionNode {
  readonly kind: 'section';
  readonly section: Section;
}

/**
 * An id of a section whose file is not shown: still being looked up, not in the library (404), archived, or the
 * lookup failed. Pinned ones offer Unpin.
 */
export interface IdNode {
  readonly kind: 'id';
  readonly section: Section;
  readonly fileId: string;
  state: 'loading' | 'missing' | 'archived' | 'failed';
}

/** A line of the search results that is not a file: searching, no results, the search failed. */
export interface NoticeNode {
  readonly kind: 'notice';
  readonly notice: 'searching' | 'noResults' | 'failed';
  readonly text: string;
}

/** The "Load more…" row at the end of the list. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
}

export type TreeNode = FileNode | GroupNode | SectionNode | IdNode | NoticeNode | LoadMoreNode;

export function isFileNode(value: unknown): value is FileNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Partial<FileNode>;
  return node.kind === 'file' && typeof node.file === 'object' && node.file !== null;
}

export function isIdNode(value: unknown): value is IdNode {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as Partial<IdNode>;
  return node.kind === 'id' && typeof node.fileId === 'string';
}
