// The files a workspace keeps close: pinned ones, and the ones recently inserted into its documents. Kept in the
// workspace's own state as ids only (names, URLs and everything else come from the store when shown). No vscode
// import: the state is any key-value memento.

export interface KeyValueState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export type RememberedList = 'pinned' | 'recentlyInserted';

export type RememberedListener = (list: RememberedList) => void;

export const MAX_RECENTLY_INSERTED = 20;
export const MAX_PINNED = 200;

const KEYS: Readonly<Record<RememberedList, string>> = {
  pinned: 'videogen.pinnedFileIds',
  recentlyInserted: 'videogen.recentlyInsertedFileIds',
};

export class RememberedFiles {
  private readonly listeners = new Set<RememberedListener>();

  constructor(private readonly state: KeyValueState) {}

  /** Pinned ids, in the order they were pinned (the oldest first, as a user arranges a list). */
  pinned(): readonly string[] {
    return this.read('pinned');
  }

  isPinned(fileId: string): boolean {
    return this.pinned().includes(fileId);
  }

  /** Recently inserted ids, the most recent first. */
  recentlyInserted(): readonly string[] {
    return this.read('recentlyInserted');
  }

  async pin(fileIds: readonly string[]): Promise<void> {
    const current = this.pinned();
    const added = fileIds.filter((id, i) => !current.includes(id) && fileIds.indexOf(id) === i);
    if (added.length > 0) await this.write('pinned', [...current, ...added].slice(-MAX_PINNED));
  }

  async unpin(fileIds: readonly string[]): Promise<void> {
    const current = this.pinned();
    const kept = current.filter((id) => !fileIds.includes(id));
    if (kept.length !== current.length) await this.write('pinned', kept);
  }

  /** References to these files were just inserted into a document (by any of the extension's ways of inserting). */
  async noteInserted(fileIds: readonly string[]): Promise<void> {
    const fresh = [...new Set(fileIds)];
    if (fresh.length === 0) return;
    const rest = this.recentlyInserted().filter((id) => !fresh.includes(id));
    await this.write('recentlyInserted', [...fresh, ...rest].slice(0, MAX_RECENTLY_INSERTED));
  }

  /** The files left the library (archived, 404): they are dropped from both lists. */
  async forget(fileIds: readonly string[]): Promise<void> {
    await this.unpin(fileIds);
    const recent = this.recentlyInserted();
    const kept = recent.filter((id) => !fileIds.includes(id));
    if (kept.length !== recent.length) await this.write('recentlyInserted', kept);
  }

  onDidChange(listener: RememberedListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private read(list: RememberedList): readonly string[] {
    const value = this.state.get<unknown>(KEYS[list]);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  }

  private async write(list: RememberedList, ids: readonly string[]): Promise<void> {
    await this.state.update(KEYS[list], ids);
    for (const listener of [...this.listeners]) listener(list);
  }
}
