// The local server in a child process (out/test/server/cli.js), so that only the client side is measured here.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface ChildServer {
  baseUrl: string;
  apiKey: string;
  stop(): Promise<void>;
}

export async function startChildServer(args: readonly string[] = []): Promise<ChildServer> {
  const cli = path.resolve(__dirname, '../server/cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the local server exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  return {
    baseUrl,
    apiKey: 'sk_videogen_local_dev',
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
