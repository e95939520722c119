// Runs the extension inside a real VS Code, offline: code-server (VS Code's server + web workbench, installed
// from npm by install-code-server.mjs) on a random loopback port, and headless Debian Chromium driven by
// playwright-core opening the workbench as an Extension Development Host.
//
//   const wb = await startWorkbench({ version: '4.100.3', extensionTestsPath: '/abs/out/test/integration/index.js' });
//   const code = await wb.exitCode;      // codeAutomationExit from the extension host (tests only)
//   await wb.close();
//
// Why this works (see test/harness/README.md for the whole story):
//  - code-server has no --extensionDevelopmentPath; the workbench URL's `payload` does the same:
//    [["extensionDevelopmentPath","vscode-remote://127.0.0.1:PORT/abs/path"], ["extensionTestsPath", …]].
//  - VS Code >= ~1.133 honours that payload in a built web client only with the smoke-test driver on:
//    VSCODE_OPTIONS=enable-smoke-test-driver (code-server >= 4.134 forwards it; older ones ignore it).
//  - With extensionTestsPath, the extension host require()s the module, awaits run(), and the workbench
//    calls window.codeAutomationLog(type, args) for console output and window.codeAutomationExit(code, logs)
//    at the end; we expose both to the page.
//  - Everything is hermetic: HOME, XDG_*, TMPDIR, user-data and extensions dirs live in a short run dir
//    under os.tmpdir() (unix sockets there must stay < 108 chars); the gallery is off.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_VERSION, REPO, ensureCodeServer, installedCodeServer } from './install-code-server.mjs';
import { onCleanup, removeOnExit, spawnGroup } from './proc.mjs';

export { REPO, DEFAULT_VERSION };
export const EXTENSION_ID = 'videogen-community.videogen-files';
export const DEFAULT_API_KEY = 'sk_videogen_local_dev';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Chromium flags that keep a headless run off the (closed) network and quiet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--autoplay-policy=no-user-gesture-required',
];
/** User settings every harness profile gets: no welcome page, tips, telemetry, update checks or AI features. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};
/** Workbench console lines that are noise in a test log. */
export const NOISE = /^(Ignoring fetching additional builtin|Creating a socket|Resolv(ing|ed) connection token|\[AgentHost|\[ChatModelSelection|\[AccountPolicyGate|\[reconnection-grace|Extension host \(Remote\) is unresponsive|Extension host \(Remote\) is responsive)/;

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes remains). */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh, short run dir (`/tmp/vgh-XXXXXX`): VS Code puts unix sockets in TMPDIR, whose paths must stay < 108 chars. */
export function makeRunDir(prefix = 'vgh-') {
  const base = os.tmpdir().length <= 40 ? os.tmpdir() : '/tmp';
  return fs.mkdtempSync(path.join(base, prefix));
}

/**
 * Starts the local VideoGen server (out/test/server/server.js, compiled by `tsc -p .`) in this process.
 * @param {false | 'auto' | 'required' | Record<string, unknown>} spec false: none; 'auto': start it when it
 *   is built, warn otherwise; 'required' or an options object: start it (options go to startServer) or throw.
 * @returns {Promise<null | { baseUrl: string, apiKey: string, close: () => Promise<void>, [k: string]: unknown }>}
 */
export async function startLocalServer(spec = 'auto', log = console.log) {
  if (spec === false) return null;
  const file = path.join(REPO, 'out', 'test', 'server', 'server.js');
  if (!fs.existsSync(file)) {
    if (spec === 'auto') {
      log(`[harness] warning: ${path.relative(REPO, file)} is not built: running without the local VideoGen server`);
      return null;
    }
    throw new Error(`${file} not found: build it with \`npx tsc -p .\``);
  }
  const mod = createRequire(import.meta.url)(file);
  const startServer = mod.startServer ?? mod.default?.startServer;
  if (typeof startServer !== 'function') throw new Error(`${file} does not export startServer()`);
  const options = typeof spec === 'object' ? spec : {};
  const server = await startServer({ port: 0, ...options });
  if (!server?.baseUrl) throw new Error('startServer() returned no baseUrl');
  server.apiKey ??= options.apiKey ?? DEFAULT_API_KEY;
  onCleanup(() => server.close?.());
  return server;
}

/** Copies a file or directory tree, skipping what vanished meanwhile (logs of a live process). */
function copyTree(from, to) {
  try {
    fs.cpSync(from, to, { recursive: true, force: true, errorOnExist: false, dereference: false, filter: (src) => !/\.sock$/.test(src) });
  } catch {
    /* best effort */
  }
}

/** All files under dir (recursive), or [] when it does not exist. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** VS Code log files worth scanning for extension failures (not the extensions' own output channels). */
const SCANNED_LOG = /^(remote)?exthost\d*\.log$|^remoteagent\.log$|^window\.log$/i;

/**
 * Errors of the extension under test found in VS Code's logs: activation failures, uncaught errors and
 * unhandled rejections whose stack points into the extension's dist/, and extension host crashes
 * (non-zero exit code or a fatal signal). Only VS Code's own logs are scanned (extension host, remote
 * agent, window), never the extension's output channel: errors it reports on purpose are not failures.
 * Entries matching the RegExp in env VG_IGNORE_EXTENSION_ERRORS are left out (for a test that makes the
 * extension fail on purpose in a way VS Code logs).
 * @param {string[]} files candidate log files (others are ignored)
 * @param {{ extensionId?: string, extensionPath?: string, ignore?: RegExp }} [opts]
 * @returns {string[]} one entry per problem, with the file and up to 12 lines of the log entry
 */
export function findExtensionErrors(files, opts = {}) {
  const extensionId = opts.extensionId ?? EXTENSION_ID;
  const distPath = path.join(opts.extensionPath ?? REPO, 'dist') + path.sep;
  const activation = new RegExp(`Activating extension '?${extensionId.replace(/\./g, '\\.')}'? failed`, 'i');
  const crash = /Extension Host Process exited with code: (?!0,)(?!null, signal: SIG(TERM|KILL|INT|HUP)\b)|Extension host \(\w+\) terminated unexpectedly/i;
  const ignore = opts.ignore ?? (process.env.VG_IGNORE_EXTENSION_ERRORS ? new RegExp(process.env.VG_IGNORE_EXTENSION_ERRORS) : null);
  const found = [];
  for (const f of files) {
    if (!SCANNED_LOG.test(path.basename(f))) continue;
    let text;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    // a log entry starts at column 0; its stack lines are indented
    for (const entry of text.split(/\n(?=\S)/)) {
      const head = entry.split('\n')[0];
      const isError = /\[error\]/i.test(head);
      if (ignore?.test(entry)) continue;
      if (activation.test(entry) || crash.test(head) || (isError && (entry.includes(distPath) || entry.includes(extensionId)))) {
        found.push(`${f}:\n${entry.trim().split('\n').slice(0, 12).join('\n')}`);
      }
    }
  }
  return [...new Set(found)];
}

/**
 * Starts code-server + headless Chromium with the extension loaded as a development extension.
 *
 * @param {object} o
 * @param {string} [o.version] code-server version (installed under .vscode-test/ if missing)
 * @param {string} [o.extensionDevelopmentPath] absolute path of the extension (default: the repo)
 * @param {string[]} [o.installedExtensions] folders of extensions to install as ordinary (not development) ones,
 *   e.g. a probe standing in for another installed extension: copied into the run's extensions dir
 * @param {string} [o.extensionTestsPath] absolute path of a module exporting run() (integration tests)
 * @param {[string, string][]} [o.payload] extra workbench payload entries, e.g. [['inspect-extensions', '9333']]
 *   (the extension host listens for an inspector there: the bench reads its heap after a GC)
 * @param {Record<string, string|undefined>} [o.env] extra env for code-server; reaches the extension host.
 *   VIDEOGEN_API_KEY is removed from the inherited env unless given here.
 * @param {Record<string, unknown>} [o.userSettings] merged over BASE_SETTINGS and `videogen.apiBaseUrl`
 * @param {string} [o.workspaceFolder] folder to open (default: an empty `<runDir>/workspace`)
 * @param {number} [o.port] code-server port (default: a free one)
 * @param {false|'auto'|'required'|Record<string, unknown>} [o.server] local VideoGen server (see startLocalServer)
 * @param {boolean} [o.browser] launch Chromium and open the workbench (default true; false for the demo)
 * @param {{ width: number, height: number }} [o.viewport]
 * @param {string} [o.label] name used for the saved logs (test-results/<version>/logs/<label>)
 * @param {(line: string) => void} [o.onLog] receives every codeAutomationLog line (default: printed unless noise)
 * @param {(...a: unknown[]) => void} [o.log] harness messages
 * @param {(page: import('playwright-core').Page) => Promise<void>} [o.beforeGoto] e.g. page.addInitScript(...)
 */
export async function startWorkbench(o = {}) {
  const t0 = Date.now();
  const log = o.log ?? ((...a) => console.log(...a));
  const version = o.version ?? DEFAULT_VERSION;
  const info = installedCodeServer(version) ?? (await ensureCodeServer(version, { log }));
  const devPath = path.resolve(o.extensionDevelopmentPath ?? REPO);
  const runDir = makeRunDir();
  const removeRunDir = process.env.VG_KEEP_RUN_DIR ? () => undefined : removeOnExit(runDir);
  const dirs = {
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    workspace: o.workspaceFolder ? path.resolve(o.workspaceFolder) : path.join(runDir, 'workspace'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  for (const folder of o.installedExtensions ?? []) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    fs.cpSync(folder, path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  const label = o.label ?? (o.extensionTestsPath ? 'integration' : 'workbench');
  const resultsDir = path.join(REPO, 'test-results', version);

  /** @type {Awaited<ReturnType<typeof startLocalServer>>} */
  let server = null;
  let cs;
  let browser;
  let closed = false;
  const automationLines = [];
  let resolveExit;
  const exitCode = new Promise((r) => (resolveExit = r));
  let browserLogs = [];

  const close = async ({ saveLogs = true } = {}) => {
    if (closed) return;
    closed = true;
    unregister();
    // the browser first (it holds the connection), then code-server's whole process group
    await Promise.race([browser?.close().catch(() => undefined), sleep(5000)]);
    await cs?.stop();
    if (saveLogs) saveLogsNow();
    try {
      await server?.close?.();
    } catch {
      /* already closed */
    }
    removeRunDir();
  };
  const unregister = onCleanup(() => close());

  const logsDir = path.join(resultsDir, 'logs', label);
  const saveLogsNow = () => {
    fs.rmSync(logsDir, { recursive: true, force: true });
    fs.mkdirSync(logsDir, { recursive: true });
    copyTree(path.join(dirs.userData, 'logs'), path.join(logsDir, 'server'));
    copyTree(path.join(dirs.home, '.local', 'share', 'code-server', 'coder-logs'), path.join(logsDir, 'coder-logs'));
    copyTree(path.join(runDir, 'code-server.log'), path.join(logsDir, 'code-server.log'));
    fs.writeFileSync(path.join(logsDir, 'automation.log'), automationLines.join('\n') + '\n');
    for (const l of browserLogs) {
      const f = path.join(logsDir, 'browser', String(l.relativePath ?? 'unnamed.log').replace(/^(\.\.\/)+/, ''));
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, String(l.contents ?? ''));
    }
  };

  try {
    server = await startLocalServer(o.server ?? 'auto', log);
    const apiBaseUrl = server?.baseUrl;

    // user settings
    const settings = { ...BASE_SETTINGS, ...(apiBaseUrl ? { 'videogen.apiBaseUrl': apiBaseUrl } : {}), ...(o.userSettings ?? {}) };
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

    // environment: inherited, minus what would leak a developer's VS Code or key into the run
    const env = { ...process.env };
    for (const k of Object.keys(env)) {
      if (/^(VSCODE_|ELECTRON_|NODE_OPTIONS$|VIDEOGEN_)/.test(k)) delete env[k];
    }
    Object.assign(env, {
      HOME: dirs.home,
      XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
      XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
      XDG_STATE_HOME: path.join(dirs.home, '.local', 'state'),
      XDG_RUNTIME_DIR: dirs.tmp,
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: '{"serviceUrl":""}',
      VSCODE_OPTIONS: 'enable-smoke-test-driver',
      ...(server ? { VIDEOGEN_TEST_SERVER_URL: server.baseUrl, VIDEOGEN_TEST_API_KEY: server.apiKey } : {}),
      ...(o.env ?? {}),
    });
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    if (info.nodeBin) env.PATH = `${path.dirname(info.nodeBin)}:${env.PATH}`;

    // code-server on a free loopback port (retry if another process grabbed it meanwhile)
    let port;
    const csLogFile = path.join(runDir, 'code-server.log');
    for (let attempt = 1; ; attempt++) {
      port = o.port ?? (await freePort());
      const csLog = fs.openSync(csLogFile, 'a');
      cs = spawnGroup(info.nodeBin ?? process.execPath, [
        info.bin,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--disable-getting-started-override', '--ignore-last-opened',
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        dirs.workspace,
      ], { env, cwd: runDir, stdio: ['ignore', csLog, csLog] });
      fs.closeSync(csLog);
      const up = await waitForHealth(`http://127.0.0.1:${port}`, cs, 90000);
      if (up) break;
      await cs.stop();
      const tail = fs.readFileSync(csLogFile, 'utf8').slice(-2000);
      if (attempt >= 3 || o.port || !/EADDRINUSE/.test(tail)) throw new Error(`code-server ${version} did not start:\n${tail}`);
    }
    const baseUrl = `http://127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(devPath)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(path.resolve(o.extensionTestsPath))]);
    payload.push(...(o.payload ?? []));
    const url = `${baseUrl}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`[harness] code-server ${version} (VS Code ${info.vscodeVersion}) up at ${baseUrl} after ${((Date.now() - t0) / 1000).toFixed(1)}s; run dir ${runDir}`);

    let page = null;
    if (o.browser !== false) {
      if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM=/path/to/chromium)`);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        env: { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_CACHE_HOME: path.join(dirs.home, '.cache'), TMPDIR: dirs.tmp },
      });
      const context = await browser.newContext({ viewport: o.viewport ?? { width: 1280, height: 800 } });
      page = await context.newPage();
      const onLog = o.onLog ?? ((line) => !NOISE.test(line) && console.log(line));
      await page.exposeFunction('codeAutomationLog', (_type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        automationLines.push(line);
        onLog(line);
      });
      await page.exposeFunction('codeAutomationExit', (code, logs) => {
        browserLogs = Array.isArray(logs) ? logs : [];
        resolveExit(typeof code === 'number' ? code : 1);
      });
      page.on('pageerror', (e) => automationLines.push(`[pageerror] ${String(e?.stack ?? e)}`));
      await o.beforeGoto?.(page);
      await page.goto(url);
    }

    return {
      version,
      vscodeVersion: info.vscodeVersion,
      port,
      baseUrl,
      url,
      runDir,
      dirs,
      logsDir,
      resultsDir,
      server,
      apiKey: server?.apiKey ?? null,
      browser,
      page,
      /** Resolves with the code the extension host passed to codeAutomationExit (integration tests). */
      exitCode,
      /** The codeAutomationLog lines so far. */
      automationLines,
      /** code-server's process group (for liveness checks). */
      codeServer: cs,
      /** Extension errors (activation failures, uncaught errors) found in the logs so far. */
      extensionErrors: () => {
        if (!closed) saveLogsNow();
        return findExtensionErrors(listFiles(logsDir), { extensionPath: devPath });
      },
      /**
       * Waits until the workbench has rendered, registered the extensions and restored its layout (the view
       * container, panel and editors open before the window closed), so that what a test clicks next is not
       * moved or toggled by the restore.
       */
      waitForWorkbench: async (timeout = 60000) => {
        await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout });
        await page.waitForFunction(WORKBENCH_SETTLED, undefined, { timeout, polling: 100 });
      },
      saveLogs: saveLogsNow,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * True in the workbench page once VS Code's own startup marks say it is settled (the same marks in 1.100 and
 * 1.139): the workbench started, the extensions are registered (the extension host answered), and every part
 * whose restore began (side bar, panel, auxiliary bar, editors) finished restoring. An extension's view
 * container is restored only once the extensions are registered, so its activity-bar entry shows before its
 * view does: a click in between would close the view again.
 */
export const WORKBENCH_SETTLED = `(() => {
  const marked = (name) => performance.getEntriesByName(name, 'mark').length > 0;
  const restored = (part) => !marked('code/willRestore' + part) || marked('code/didRestore' + part);
  return marked('code/didStartWorkbench') && marked('code/didLoadExtensions') && ['Viewlet', 'Panel', 'AuxiliaryBar', 'Editors'].every(restored);
})()`;

/** Polls code-server's /healthz until it answers 200; false if the process died or time ran out. */
async function waitForHealth(base, child, timeoutMs) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      if ((await fetch(`${base}/healthz`)).ok) return true;
    } catch {
      /* not yet */
    }
  }
  return false;
}

/** Parses `--name value` / `--name=value` / `--flag` options. */
export function parseArgs(argv, { booleans = [] } = {}) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      out._.push(a);
      continue;
    }
    const [, k, v] = m;
    if (v !== undefined) out[k] = v;
    else if (booleans.includes(k) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) out[k] = true;
    else out[k] = argv[++i];
  }
  return out;
}
