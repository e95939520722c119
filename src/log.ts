import type * as vscode from 'vscode';
import type { RequestLogEntry } from './api';

const SIGNED_QUERY = /([?&](?:sig|signature|token|expires|X-Amz-[A-Za-z-]+)=)[^&#\s]*/gi;

/**
 * The "VideoGen" log channel. Every line passes through `scrub`: known secrets are replaced and the
 * signing parameters of URLs are dropped, so neither keys nor signed URLs reach the log.
 */
export class Log implements vscode.Disposable {
  private readonly secrets = new Set<string>();

  constructor(readonly channel: vscode.LogOutputChannel) {}

  /** Registers a secret (an API key) that must never appear in the log. */
  redact(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text.replace(SIGNED_QUERY, '$1…');
    for (const secret of this.secrets) out = out.split(secret).join('‹redacted›');
    return out;
  }

  info(message: string): void {
    this.channel.info(this.scrub(message));
  }

  warn(message: string): void {
    this.channel.warn(this.scrub(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.channel.error(this.scrub(message + detail));
  }

  request(entry: RequestLogEntry): void {
    const status = entry.status ?? entry.error ?? 'no response';
    const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const id = entry.requestId ? ` [${entry.requestId}]` : '';
    const line = `${entry.method} ${entry.path} → ${status} in ${Math.round(entry.durationMs)} ms${retry}${id}`;
    if (entry.status !== null && entry.status < 400) this.channel.info(this.scrub(line));
    else this.channel.warn(this.scrub(line));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
