// How a duration is written everywhere: tree, tooltips, pickers, the preview's details and its player. No imports,
// so the preview webview bundles it too.

/**
 * Whole seconds, rounded down as media players show time (Chromium's controls among them), so that the 7.96-s
 * clip reads 0:07 in the details and in the player. `m:ss`, or `h:mm:ss` from an hour on.
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
