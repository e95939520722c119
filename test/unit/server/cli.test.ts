import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { once } from 'node:events';
import { writeTempLibrary } from './helpers';

const CLI = path.resolve(__dirname, '../../server/cli.js');

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
}

/** The first stdout line; keeps reading (and discarding) stdout so the child never writes to a closed pipe. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('\n')) resolve(output.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

describe('local VideoGen server: CLI', () => {
  it('prints one listening line, logs requests, and exits cleanly on SIGTERM', async () => {
    const library = writeTempLibrary([
      { displayName: 'Kept', type: 'IMAGE', scope: 'GLOBAL', description: null, transcript: null, media: 'ai-robot', sourceToolType: null },
      { displayName: 'Gone', type: 'IMAGE', scope: 'GLOBAL', description: null, transcript: null, media: 'ai-robot', sourceToolType: null, archived: true },
    ]);
    const child = run(['--port', '0', '--api-key', 'sk_cli_test', '--library', library, '--files', '40', '--rate-limit', 'search=3']);
    try {
      const line = await firstLine(child);
      const match = /^VideoGen local server listening on (http:\/\/127\.0\.0\.1:\d+) \(API key: sk_cli_test\)$/.exec(line);
      assert.ok(match, line);
      const response = await fetch(`${match[1]}/v1/files?limit=200`, { headers: { Authorization: 'Bearer sk_cli_test' } });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { files: unknown[] }).files.length, 20, '40 files, the 20 archived copies excluded');
      const search = await fetch(`${match[1]}/v1/files/search`, { method: 'POST', headers: { Authorization: 'Bearer sk_cli_test' }, body: '{"query":"x"}' });
      assert.equal(search.headers.get('x-ratelimit-limit'), '3');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('rejects bad flags with a usage message and exit code 2', async () => {
    for (const args of [['--bogus'], ['--port', 'abc'], ['--rate-limit', 'nope=1'], ['--files']]) {
      const child = run(args);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const [code] = await once(child, 'exit');
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /Usage: node out\/test\/server\/cli\.js/);
    }
  });
});
