#!/usr/bin/env node
// `npm run test:electron`: the integration suites (test/integration/**/*.test.ts) in *desktop* VS Code,
// with @vscode/test-electron, which downloads VS Code into .vscode-test/ (so it needs internet access to
// update.code.visualstudio.com, and a display: run it under `xvfb-run -a` on a headless Linux box).
// Offline, `npm test` runs the same suites in code-server instead (test/harness/run-integration.mjs).
//
//   npm run test:electron [-- --version 1.100.3|stable|insiders] [--vscode-executable /path/to/code] [--grep PATTERN]
//
// Like run-integration.mjs, it starts the local VideoGen server and passes VIDEOGEN_TEST_SERVER_URL and
// VIDEOGEN_TEST_API_KEY to the extension host, with a fresh profile whose videogen.apiBaseUrl points there.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_SETTINGS, REPO, makeRunDir, parseArgs, startLocalServer } from './vscode.mjs';
import { cleanupAll, run } from './proc.mjs';

const args = parseArgs(process.argv.slice(2));
const version = typeof args.version === 'string' ? args.version : '1.100.3'; // engines.vscode ^1.100.0
const executable = typeof args['vscode-executable'] === 'string' ? args['vscode-executable'] : undefined;
const testsPath = path.join(REPO, 'out', 'test', 'integration', 'index.js');

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js')) || !fs.existsSync(testsPath)) {
    console.log('[electron] building (node esbuild.js && tsc -p .)');
    await run('node', ['esbuild.js'], { cwd: REPO });
    await run('npx', ['tsc', '-p', '.'], { cwd: REPO });
  }
  const { runTests } = await import('@vscode/test-electron');
  const server = await startLocalServer('required');
  console.log(`[electron] local VideoGen server at ${server.baseUrl}`);

  const runDir = makeRunDir('vge-');
  const userData = path.join(runDir, 'user-data');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, 'videogen.apiBaseUrl': server.baseUrl }, null, 2));
  try {
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version }),
      extensionDevelopmentPath: REPO,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`, `--extensions-dir=${path.join(runDir, 'extensions')}`],
      extensionTestsEnv: {
        VIDEOGEN_TEST_SERVER_URL: server.baseUrl,
        VIDEOGEN_TEST_API_KEY: server.apiKey,
        ...(typeof args.grep === 'string' ? { VIDEOGEN_TEST_GREP: args.grep } : {}),
      },
    });
    return code;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

let code = 1;
try {
  code = await main();
  console.log(`[electron] VS Code ${executable ?? version}: integration tests exited with ${code}`);
} catch (e) {
  const msg = e instanceof Error ? `${e.message}${e.cause ? ` (${e.cause})` : ''}` : String(e);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo|socket hang up|network/i.test(msg)) {
    console.error(`[electron] cannot download VS Code ${version}: ${msg}`);
    console.error('[electron] test-electron needs internet access (update.code.visualstudio.com). Offline, run the same suites in');
    console.error('           code-server: node test/harness/run-integration.mjs --vscode 4.100.3   (or npm test)');
    console.error('           or point at an installed VS Code: npm run test:electron -- --vscode-executable /path/to/code');
  } else if (/exit code|Test run failed/i.test(msg)) {
    console.error(`[electron] ${msg}`);
  } else {
    console.error(`[electron] ERROR: ${e instanceof Error ? e.stack : e}`);
  }
} finally {
  await cleanupAll();
}
process.exit(code === 0 ? 0 : 1);
