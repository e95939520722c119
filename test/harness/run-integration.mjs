#!/usr/bin/env node
// Runs the mocha suites of test/integration/**/*.test.ts inside a real VS Code extension host (code-server).
//
//   node test/harness/run-integration.mjs [--vscode 4.100.3|4.139.1] [--grep PATTERN] [--timeout SECONDS] [--no-build]
//
// Expects `node esbuild.js` and `tsc -p .` to have run (test-all.mjs does both; without --no-build this
// script runs them when dist/extension.js or out/test/integration/index.js is missing).
// The run fails when a test fails, when the extension host crashes or never reports back (timeout), or when
// VS Code's logs show the extension failing (activation failure, uncaught errors from dist/extension.js).
// Logs: test-results/<version>/logs/integration/. Last line: `integration (<version>): N passed, M failed`.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_VERSION, NOISE, REPO, parseArgs, startWorkbench } from './vscode.mjs';
import { run, secs } from './proc.mjs';

const BROWSER_CRASHED = 'Chromium closed before the extension host reported';

/**
 * Runs the integration suites; when Chromium itself died before any test reported (a browser crash, not a
 * test result), runs them once more. Resolves { ok, passed, failed, code, problems }.
 * @param {{ version?: string, grep?: string, timeoutMs?: number, build?: boolean, log?: (...a: unknown[]) => void }} [o]
 */
export async function runIntegration(o = {}) {
  const first = await runIntegrationOnce(o);
  if (first.code !== BROWSER_CRASHED || first.reported) return first;
  (o.log ?? console.log)('[integration] Chromium closed before any test reported; running the suites once more');
  return runIntegrationOnce({ ...o, build: false });
}

/**
 * Runs the integration suites once; resolves { ok, passed, failed, code, problems, reported }.
 * @param {{ version?: string, grep?: string, timeoutMs?: number, build?: boolean, log?: (...a: unknown[]) => void }} [o]
 */
async function runIntegrationOnce(o = {}) {
  const version = o.version ?? DEFAULT_VERSION;
  const log = o.log ?? console.log;
  const t0 = Date.now();
  const testsPath = path.join(REPO, 'out', 'test', 'integration', 'index.js');
  if (o.build !== false && (!fs.existsSync(testsPath) || !fs.existsSync(path.join(REPO, 'dist', 'extension.js')))) {
    log('[integration] building (node esbuild.js && tsc -p .)');
    await run('node', ['esbuild.js'], { cwd: REPO });
    await run('npx', ['tsc', '-p', '.'], { cwd: REPO });
  }
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} missing: run \`npx tsc -p .\``);

  let passed = null;
  let failed = 0;
  const onLog = (line) => {
    let m;
    if ((m = /^\s*(\d+) passing/.exec(line))) passed = Number(m[1]);
    if ((m = /^\s*(\d+) failing/.exec(line))) failed = Number(m[1]);
    if (!NOISE.test(line)) log(line);
  };
  const timeoutMs = o.timeoutMs ?? 10 * 60 * 1000;
  const wb = await startWorkbench({
    version,
    extensionTestsPath: testsPath,
    label: 'integration',
    // Suites that count requests must not see the background check of the first page; workspace.test.ts turns it on.
    userSettings: { 'videogen.list.autoRefreshInterval': 0 },
    onLog,
    env: {
      ...(o.grep ? { VIDEOGEN_TEST_GREP: o.grep } : {}),
    },
    log,
  });
  const problems = [];
  let code;
  try {
    // the extension host may also die without calling codeAutomationExit: watch code-server too
    const csDied = wb.codeServer.exited.then((c) => `code-server exited (${c})`);
    const browserDied = new Promise((r) => wb.browser?.on('disconnected', () => r(BROWSER_CRASHED)));
    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    code = await Promise.race([wb.exitCode, csDied, browserDied, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') problems.push(`no result from the extension host after ${timeoutMs / 1000}s (did run() start? see ${wb.logsDir})`);
    else if (typeof code === 'string') problems.push(code);
    if (code !== 0 && code !== 'timeout' && passed === null) problems.push(`the extension host exited with ${code} before mocha reported (crash or run() threw: see the output above and ${wb.logsDir})`);
    if (code !== 0) await wb.page?.screenshot({ path: path.join(wb.resultsDir, 'integration-failure.png') }).catch(() => {});
  } finally {
    await wb.close();
  }
  // logs are saved by close(); scan them for errors of the extension
  const errors = wb.extensionErrors();
  for (const e of errors) problems.push(`extension error in VS Code's logs:\n${e}`);
  if (typeof code === 'number' && code !== 0 && failed === 0 && passed !== null) problems.push(`extension host exit code ${code}`);
  if (passed === 0 && failed === 0) problems.push('no integration test ran');
  const ok = code === 0 && problems.length === 0 && failed === 0;
  // a harness-level failure counts as one failed test so that totals never hide it
  const failedCount = failed + (ok || failed > 0 ? 0 : 1);
  for (const p of problems) log(`[integration] FAIL: ${p}`);
  log(`[integration] ${version} finished in ${secs(t0)} (extension host exit: ${code}); logs in ${path.relative(REPO, wb.logsDir)}`);
  return { ok, passed: passed ?? 0, failed: failedCount, code, problems, reported: passed !== null || failed > 0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const args = parseArgs(process.argv.slice(2), { booleans: ['no-build'] });
  const version = args.vscode ?? process.env.VSCODE_VERSION ?? DEFAULT_VERSION;
  let result;
  try {
    result = await runIntegration({
      version,
      grep: typeof args.grep === 'string' ? args.grep : undefined,
      timeoutMs: args.timeout ? Number(args.timeout) * 1000 : undefined,
      build: !args['no-build'],
    });
  } catch (e) {
    console.error(`[integration] ERROR: ${e instanceof Error ? e.stack : e}`);
    result = { ok: false, passed: 0, failed: 1 };
  }
  console.log(`integration (${version}): ${result.passed} passed, ${result.failed} failed`);
  process.exit(result.ok ? 0 : 1);
}
