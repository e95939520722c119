// How expiry times of signed URLs are worded in messages.
import * as vscode from 'vscode';

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 7 days", "in 3 hours", "in 5 minutes", in the UI language. */
export function relativeExpiry(expiresAtMs: number, nowMs: number = Date.now()): string {
  const remaining = Math.max(0, expiresAtMs - nowMs);
  const [unit, size] = UNITS.find(([, ms]) => remaining >= ms) ?? UNITS[UNITS.length - 1]!;
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'always' });
  return format.format(Math.max(1, Math.floor(remaining / size)), unit);
}

/** "Nov 27, 2026, 3:04 PM", in the UI language. */
export function expiryDate(expiresAtMs: number): string {
  return new Date(expiresAtMs).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
}
