import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { Log } from '../../../src/log';

/** Records what reaches the channel, standing in for VS Code's LogOutputChannel. */
function recordingChannel(lines: string[]): vscode.LogOutputChannel {
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') } as unknown as vscode.LogOutputChannel;
}

describe('Log', () => {
  it('never writes a registered key', () => {
    const lines: string[] = [];
    const log = new Log(recordingChannel(lines));
    log.redact('sk_videogen_secret_123');
    log.error('request failed', new Error('bad header Bearer sk_videogen_secret_123'));
    log.info('key sk_videogen_secret_123 twice sk_videogen_secret_123');
    assert.ok(lines.every((l) => !l.includes('sk_videogen_secret_123')), lines.join('\n'));
    assert.equal(lines[1], 'info key ‹redacted› twice ‹redacted›');
  });

  it('drops the signature of signed URLs', () => {
    const lines: string[] = [];
    const log = new Log(recordingChannel(lines));
    log.warn('GET https://stream.media.videogen.io/a.m3u8?token=abc&download=x.mp4 and /media/x.png?expires=1&sig=ff00');
    assert.equal(lines[0], 'warn GET https://stream.media.videogen.io/a.m3u8?token=…&download=x.mp4 and /media/x.png?expires=…&sig=…');
  });

  it('logs each request with method, path, status, duration and request id', () => {
    const lines: string[] = [];
    const log = new Log(recordingChannel(lines));
    log.request({ method: 'GET', path: '/v1/files?limit=50', status: 200, durationMs: 12.4, requestId: 'req_1', attempt: 1 });
    log.request({ method: 'POST', path: '/v1/files/x/hydrate', status: 503, durationMs: 3, requestId: null, attempt: 2 });
    log.request({ method: 'GET', path: '/v1/files', status: null, durationMs: 5, requestId: null, attempt: 1, error: 'connection refused' });
    assert.deepEqual(lines, [
      'info GET /v1/files?limit=50 → 200 in 12 ms [req_1]',
      'warn POST /v1/files/x/hydrate → 503 in 3 ms (attempt 2)',
      'warn GET /v1/files → connection refused in 5 ms',
    ]);
  });
});
