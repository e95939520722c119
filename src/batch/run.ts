// Running one task per item of a batch (archive, public links, uploads…) with bounded concurrency, keeping every
// outcome in the items' order so that the summary can name what failed. No vscode import.

import { ConcurrencyLimiter } from '../async/limits';

export type BatchOutcome<T, R> = { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown };

/** Runs `task` for every item, at most `concurrency` at once; never rejects: failures are outcomes. */
export async function runBatch<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<BatchOutcome<T, R>[]> {
  const limiter = new ConcurrencyLimiter(Math.max(1, concurrency));
  return Promise.all(
    items.map((item) =>
      limiter.run(() => task(item)).then(
        (value): BatchOutcome<T, R> => ({ item, ok: true, value }),
        (error: unknown): BatchOutcome<T, R> => ({ item, ok: false, error }),
      ),
    ),
  );
}

export function succeeded<T, R>(outcomes: readonly BatchOutcome<T, R>[]): { item: T; value: R }[] {
  return outcomes.flatMap((o) => (o.ok ? [{ item: o.item, value: o.value }] : []));
}

export function failed<T, R>(outcomes: readonly BatchOutcome<T, R>[]): { item: T; error: unknown }[] {
  return outcomes.flatMap((o) => (o.ok ? [] : [{ item: o.item, error: o.error }]));
}
