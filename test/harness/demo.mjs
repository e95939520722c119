#!/usr/bin/env node
// `npm run demo`: builds the extension, starts the local VideoGen server with the sample library, and opens
// VS Code with the extension loaded and pointed at that server, the API key already entered.
//
//   npm run demo [-- --port 8080] [--vscode 4.100.3|4.139.1] [--files N] [--code-server]
//
//  - With a desktop `code` on PATH (and no --code-server): `code --extensionDevelopmentPath=<repo>` in a new
//    window with its own profile in .demo/ (settings: videogen.apiBaseUrl), VIDEOGEN_API_KEY in its env.
//  - Otherwise: code-server (installed into .vscode-test/ if missing) on 127.0.0.1:<port>; open the printed URL
//    in a browser on this machine (or through an SSH tunnel: ssh -L PORT:127.0.0.1:PORT host).
//  - With VIDEOGEN_API_KEY set in the environment: no local server; the real API and that key are used.
// Ctrl-C stops everything (the servers run in their own process groups).
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_VERSION, REPO, freePort, parseArgs, startLocalServer, startWorkbench } from './vscode.mjs';
import { cleanupAll, run, spawnGroup } from './proc.mjs';

const args = parseArgs(process.argv.slice(2), { booleans: ['code-server', 'help'] });
if (args.help) {
  console.log('usage: npm run demo [-- --port N] [--vscode VERSION] [--files N] [--code-server]');
  process.exit(0);
}
const version = typeof args.vscode === 'string' ? args.vscode : DEFAULT_VERSION;
const files = args.files !== undefined ? Number(args.files) : undefined;
if (files !== undefined && !(Number.isInteger(files) && files > 0)) {
  console.error('--files takes a positive integer');
  process.exit(2);
}
const realKey = process.env.VIDEOGEN_API_KEY;
const demoDir = path.join(REPO, '.demo');

/** The desktop VS Code CLI, unless this is a remote/code-server shell whose `code` opens elsewhere. */
function desktopCode() {
  if (args['code-server'] || process.env.VSCODE_IPC_HOOK_CLI || process.env.CODE_SERVER_SESSION_SOCKET) return null;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, 'code');
    if (dir && fs.existsSync(p) && !p.includes('remote-cli') && !p.includes('code-server')) return p;
  }
  return null;
}

/** A small folder to open, with a Markdown file to insert media references into. */
function demoWorkspace() {
  const ws = path.join(demoDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  const notes = path.join(ws, 'notes.md');
  if (!fs.existsSync(notes)) {
    fs.writeFileSync(notes, '# VideoGen demo\n\nOpen the VideoGen view in the activity bar, preview a file, and insert a reference here.\n\n');
  }
  return ws;
}

async function build() {
  console.log('[demo] building the extension (node esbuild.js, tsc -p .)');
  const esb = await run('node', ['esbuild.js'], { cwd: REPO });
  const tsc = await run('npx', ['tsc', '-p', '.'], { cwd: REPO });
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('the build produced no dist/extension.js');
  if (esb.code !== 0 || tsc.code !== 0) console.warn('[demo] warning: the build reported errors (see above); starting anyway with what was emitted');
}

async function main() {
  await build();

  // the API: the local server with the sample library, or the real one when a key is given
  let server = null;
  if (realKey) {
    console.log('[demo] VIDEOGEN_API_KEY is set: using the real VideoGen API (no local server)');
  } else {
    server = await startLocalServer({ ...(files ? { files } : {}) });
    console.log(`[demo] local VideoGen server at ${server.baseUrl} (API key ${server.apiKey}${files ? `, ${files} files` : ''})`);
  }
  const apiKey = realKey ?? server.apiKey;
  const settings = server ? { 'videogen.apiBaseUrl': server.baseUrl } : {};
  const workspace = demoWorkspace();

  const code = desktopCode();
  if (code) {
    const userData = path.join(demoDir, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    const settingsFile = path.join(userData, 'User', 'settings.json');
    let current = {};
    try {
      current = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    } catch {
      /* first run */
    }
    if (!server) delete current['videogen.apiBaseUrl'];
    fs.writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', ...current, ...settings }, null, 2));
    console.log(`[demo] opening desktop VS Code (${code}) with --extensionDevelopmentPath=${REPO}`);
    const child = spawnGroup(code, [
      '--new-window', '--wait',
      `--extensionDevelopmentPath=${REPO}`,
      `--user-data-dir=${userData}`,
      `--extensions-dir=${path.join(demoDir, 'extensions')}`,
      workspace,
    ], { env: { ...process.env, VIDEOGEN_API_KEY: apiKey }, stdio: 'inherit' });
    console.log('[demo] close the VS Code window, or press Ctrl-C here, to stop the demo');
    await child.exited;
  } else {
    const port = args.port !== undefined ? Number(args.port) : await pickPort(8080);
    const wb = await startWorkbench({
      version,
      port,
      browser: false,
      server: false, // started above (or the real API)
      env: { VIDEOGEN_API_KEY: apiKey, ...(server ? { VIDEOGEN_TEST_SERVER_URL: server.baseUrl } : {}) },
      userSettings: settings,
      workspaceFolder: workspace,
      label: 'demo',
    });
    console.log('');
    console.log(`  VideoGen demo: VS Code ${wb.vscodeVersion} (code-server ${version}) with the extension under development`);
    console.log(`  Open in a browser on this machine:\n\n    ${wb.url}\n`);
    console.log(`  (from another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then open the same URL)`);
    console.log('  Press Ctrl-C to stop.');
    await wb.codeServer.exited;
    console.log('[demo] code-server exited');
  }
}

/** `preferred` when it is free, else any free port. */
async function pickPort(preferred) {
  const net = await import('node:net');
  const free = await new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(preferred, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

try {
  await main();
} catch (e) {
  console.error(`[demo] ERROR: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
  await sleep(10);
}
