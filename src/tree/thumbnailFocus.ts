// Which listed rows get a real thumbnail: the ones the user can see soon. VS Code asks for the TreeItem of every
// child of a node, rendered or not, and tells an extension nothing about scrolling, so the rows seen are inferred:
// the top of the list (what the first paint shows), and the rows around where the user last acted (the row selected,
// or the place of "Load more…" when it was clicked: the end of the previous page and the start of the new one).
// Rows elsewhere keep their codicon until the user acts near them. No vscode import.

/** Rows from the top that get thumbnails: a tall side bar shows about 40. */
export const TOP_ROWS = 60;
/** Rows before and after the place of the last action that get thumbnails. */
export const AROUND_FOCUS = 40;

export class ThumbnailFocus {
  private focus: number | undefined;

  /** Whether the row at this position of the listing (0 = top) is near where the user looks. */
  isNear(position: number): boolean {
    if (position < TOP_ROWS) return true;
    return this.focus !== undefined && position >= this.focus - AROUND_FOCUS && position < this.focus + AROUND_FOCUS;
  }

  /** Moves the focus; returns the positions that became near ([start, end), empty when none). */
  moveTo(position: number): { start: number; end: number } {
    const before = this.focus;
    this.focus = position;
    if (before === position) return { start: 0, end: 0 };
    const start = Math.max(TOP_ROWS, position - AROUND_FOCUS);
    return { start, end: Math.max(start, position + AROUND_FOCUS) };
  }

  /** A new list: only its top is near. */
  reset(): void {
    this.focus = undefined;
  }
}
