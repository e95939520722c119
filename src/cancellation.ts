import type * as vscode from 'vscode';

export interface TokenAbort {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Stops following the token. */
  dispose(): void;
}

/** An AbortController that aborts when VS Code cancels `token` (already aborted if it was cancelled). */
export function abortOnCancel(token: vscode.CancellationToken): TokenAbort {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  return { controller, signal: controller.signal, dispose: () => subscription.dispose() };
}
