// The order of completion items: pinned files, then recently inserted ones, then files the window listed, then
// what semantic search found; each file once, in its first place. No vscode import.

export type CandidateOrigin = 'pinned' | 'recent' | 'listed' | 'found';

export interface Candidate {
  readonly fileId: string;
  readonly origin: CandidateOrigin;
}

export interface CandidateLists {
  readonly pinned: readonly string[];
  readonly recent: readonly string[];
  readonly listed: readonly string[];
  readonly found: readonly string[];
}

/** Listed files offered at most (the first ones the window holds: the top of the library). */
export const MAX_LISTED = 50;

export function orderCandidates(lists: CandidateLists): Candidate[] {
  const seen = new Set<string>();
  const ordered: Candidate[] = [];
  const add = (ids: readonly string[], origin: CandidateOrigin): void => {
    for (const fileId of ids) {
      if (seen.has(fileId)) continue;
      seen.add(fileId);
      ordered.push({ fileId, origin });
    }
  };
  add(lists.pinned, 'pinned');
  add(lists.recent, 'recent');
  add(lists.listed.slice(0, MAX_LISTED), 'listed');
  add(lists.found, 'found');
  return ordered;
}

/**
 * `sortText` of the `variant`-th item (0: the id, 1: the snippet) of the candidate at `rank`: zero-padded so VS Code's
 * string comparison keeps the order, each file's snippet right after its id.
 */
export function sortTextOf(rank: number, variant: 0 | 1): string {
  return `${String(rank).padStart(5, '0')}.${variant}`;
}

/** The first `count` values of an iterable, without walking the rest (the store may hold many thousands). */
export function firstOf<T>(values: Iterable<T>, count: number, keep: (value: T) => boolean = () => true): T[] {
  const taken: T[] = [];
  for (const value of values) {
    if (taken.length >= count) break;
    if (keep(value)) taken.push(value);
  }
  return taken;
}
