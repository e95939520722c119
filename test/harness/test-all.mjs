#!/usr/bin/env node
// `npm test`: every check the project has, in order, with each stage's duration and result.
//
//   typecheck   npx tsc -p . --noEmit && npx tsc -p src/webview
//   lint        npx eslint .
//   build       node esbuild.js && npx tsc -p .
//   unit        mocha (.mocharc.json: out/test/unit/**/*.test.js)
//   install     .vscode-test/code-server-<version>/ for each missing version (code-server 4.100.3 = VS Code
//               1.100, 4.139.1 = VS Code 1.139), started in the background at the beginning, in parallel
//   then for each version:
//   integration mocha suites inside the extension host (test/harness/run-integration.mjs)
//   e2e         Playwright-driven UI suites (test/harness/run-e2e.mjs)
//
// Options:
//   --only STAGES     comma list of stages to run (typecheck,lint,build,unit,integration,e2e);
//                     build is added when unit/integration/e2e are selected, unless --no-build
//   --skip STAGES     comma list of stages to leave out
//   --vscode VERSION  only this code-server version (repeatable / comma list)
//   --no-install      never install code-server; a missing version fails its stages
//   --no-build        use the existing dist/ and out/
//   --grep PATTERN    passed to the integration and e2e mocha runs
//
// The last line is `N passed, M failed` with the test counts of unit + integration + e2e. Exit code 1 when any
// stage failed. Timings also go to test-results/summary.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, SUPPORTED_VERSIONS, ensureCodeServer, ensureDebianTools, installedCodeServer, prefixOf } from './install-code-server.mjs';
import { run } from './proc.mjs';
import { parseArgs } from './vscode.mjs';
import { mochaCounts, mochaFailures } from './run-e2e.mjs';

const STAGES = ['typecheck', 'lint', 'build', 'unit', 'integration', 'e2e'];
const list = (v) => (v === undefined || v === true ? [] : [v].flat().flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean));

const argv = process.argv.slice(2);
const args = parseArgs(argv, { booleans: ['no-install', 'no-build'] });
// --vscode may repeat: collect every occurrence
const versionArgs = argv.flatMap((a, i) => (a === '--vscode' ? [argv[i + 1]] : a.startsWith('--vscode=') ? [a.slice(9)] : []));
const versions = versionArgs.length ? list(versionArgs) : SUPPORTED_VERSIONS;
let selected = list(args.only).length ? list(args.only) : [...STAGES];
for (const s of [...selected, ...list(args.skip)]) {
  if (!STAGES.includes(s)) {
    console.error(`unknown stage '${s}' (stages: ${STAGES.join(', ')})`);
    process.exit(2);
  }
}
if (selected.some((s) => ['unit', 'integration', 'e2e'].includes(s)) && !selected.includes('build')) selected.push('build');
if (args['no-build']) selected = selected.filter((s) => s !== 'build');
selected = selected.filter((s) => !list(args.skip).includes(s));
const grep = typeof args.grep === 'string' ? args.grep : undefined;

const t0 = Date.now();
/** @type {{ stage: string, version?: string, ok: boolean | null, seconds: number, passed?: number, failed?: number, note?: string }[]} */
const results = [];
/** Errors that stopped a stage; repeated above the summary so that the end of a CI log says why. */
const failures = [];
/** "[stage (version)] suite › test: error" of each failed test, listed just above the last line of the run. */
const failedTests = [];
const fmt = (ms) => (ms >= 60000 ? `${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`);
const banner = (s) => console.log(`\n━━━ ${s} ${'━'.repeat(Math.max(0, 70 - s.length))}`);

/** Runs one stage: fn resolves { ok, passed?, failed?, note? }; prints and records the result. */
async function stage(name, version, fn) {
  const label = version ? `${name} (${version})` : name;
  banner(label);
  const start = Date.now();
  let r;
  try {
    r = await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`[test] ${label}: ${message}`);
    failures.push({ label, message });
    r = { ok: false, failed: ['unit', 'integration', 'e2e'].includes(name) ? 1 : undefined, note: message.split('\n')[0].slice(0, 200) };
  }
  const ms = Date.now() - start;
  results.push({ stage: name, version, ok: r.ok, seconds: Math.round(ms / 100) / 10, passed: r.passed, failed: r.failed, note: r.note });
  const counts = r.passed !== undefined ? ` — ${r.passed} passed, ${r.failed ?? 0} failed` : '';
  console.log(`[test] ${r.ok ? 'PASS' : 'FAIL'} ${label} in ${fmt(ms)}${counts}${r.note ? ` (${r.note})` : ''}`);
  return r.ok;
}

const sh = async (cmd, cmdArgs, opts = {}) => (await run(cmd, cmdArgs, { cwd: REPO, ...opts })).code === 0;

/** Runs a harness script in its own process group and reads its `<kind> (<version>): N passed, M failed` line. */
async function harnessScript(script, kind, version) {
  const r = await run(process.execPath, [path.join(REPO, 'test', 'harness', script), '--vscode', version, '--no-build', ...(grep ? ['--grep', grep] : [])], {
    cwd: REPO,
    capture: true,
    echo: true,
    timeoutMs: 25 * 60 * 1000,
  });
  const m = new RegExp(`^${kind} \\(${version.replace(/\./g, '\\.')}\\): (\\d+) passed, (\\d+) failed`, 'm').exec(r.stdout);
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 1;
  for (const title of mochaFailures(r.stdout)) failedTests.push(`[${kind} (${version})] ${title}`);
  return { ok: r.code === 0 && failed === 0, passed, failed: r.code !== 0 && failed === 0 ? 1 : failed };
}

/** Deletes out/**.js (and .map) whose .ts source is gone, so that a deleted or renamed test never runs. */
function pruneStaleOutputs() {
  const out = path.join(REPO, 'out');
  if (!fs.existsSync(out)) return;
  for (const rel of fs.readdirSync(out, { recursive: true }).map(String)) {
    if (!rel.endsWith('.js')) continue;
    if (fs.existsSync(path.join(REPO, rel.replace(/\.js$/, '.ts')))) continue;
    fs.rmSync(path.join(out, rel), { force: true });
    fs.rmSync(path.join(out, `${rel}.map`), { force: true });
  }
}

// System packages first (apt must not run twice at once); then the missing code-server versions install in
// the background, in parallel: downloads and native builds overlap well with the typecheck/lint/build/unit
// stages. All installs finish before the first VS Code stage, so that none competes with a UI test for CPU.
const vscodeStages = selected.filter((s) => s === 'integration' || s === 'e2e');
let toolsError = null;
/** @type {Map<string, Promise<{ ok: boolean, ms: number, error?: unknown }>>} */
const installs = new Map();
if (vscodeStages.length) {
  try {
    await ensureDebianTools({ browser: true });
  } catch (e) {
    toolsError = e instanceof Error ? e.message : String(e);
    console.error(`[test] ${toolsError}`);
  }
  if (!toolsError && !args['no-install']) {
    for (const version of versions.filter((v) => !installedCodeServer(v))) {
      console.log(`[test] installing code-server ${version} in the background (log: ${path.join(prefixOf(version), 'install.log')})`);
      const start = Date.now();
      installs.set(
        version,
        ensureCodeServer(version, { log: (...a) => console.log(...a) }).then(
          () => ({ ok: true, ms: Date.now() - start }),
          (error) => ({ ok: false, ms: Date.now() - start, error }),
        ),
      );
    }
  }
}

let buildOk = true;
if (selected.includes('typecheck')) {
  await stage('typecheck', null, async () => {
    const main = await sh('npx', ['tsc', '-p', '.', '--noEmit']);
    const webview = await sh('npx', ['tsc', '-p', 'src/webview']);
    return { ok: main && webview, note: !main ? 'tsc -p . failed' : !webview ? 'tsc -p src/webview failed' : undefined };
  });
}
if (selected.includes('lint')) await stage('lint', null, async () => ({ ok: await sh('npx', ['eslint', '.']) }));
if (selected.includes('build')) {
  buildOk = await stage('build', null, async () => {
    pruneStaleOutputs();
    const bundle = await sh('node', ['esbuild.js']);
    const tsc = await sh('npx', ['tsc', '-p', '.']);
    return { ok: bundle && tsc, note: !bundle ? 'esbuild failed' : !tsc ? 'tsc failed' : undefined };
  });
  if (!buildOk) console.log('[test] the build failed: test stages run on what was emitted, but the run fails');
}
if (selected.includes('unit')) {
  await stage('unit', null, async () => {
    const r = await run(process.execPath, [path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js')], { cwd: REPO, capture: true, echo: true, env: { ...process.env, FORCE_COLOR: '0' } });
    const c = mochaCounts(r.stdout);
    for (const title of mochaFailures(r.stdout)) failedTests.push(`[unit] ${title}`);
    const failed = c.failed || (r.code !== 0 ? 1 : 0);
    return { ok: r.code === 0 && c.passed > 0, passed: c.passed, failed, note: c.passed === 0 && r.code === 0 ? 'no unit test ran' : undefined };
  });
}
if (vscodeStages.length) {
  const installed = new Map(versions.map((v) => [v, !!installedCodeServer(v)]));
  for (const [version, install] of installs) {
    installed.set(version, await stage('install', version, async () => {
      const r = await install;
      if (!r.ok) throw r.error;
      return { ok: true, note: `install took ${fmt(r.ms)} in the background` };
    }));
  }
  // every install has settled (done or failed) here: say so, with the machine's load, in the log
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\n[test] no code-server install is running (${installs.size} ran in the background); load average ${load} on ${os.availableParallelism()} cores`);
  for (const version of versions) {
    for (const s of vscodeStages) {
      if (!installed.get(version) || toolsError) {
        await stage(s, version, async () => ({ ok: false, failed: 1, note: toolsError ? 'system packages missing' : `code-server ${version} not installed` }));
        continue;
      }
      await stage(s, version, () => harnessScript(s === 'integration' ? 'run-integration.mjs' : 'run-e2e.mjs', s, version));
    }
  }
}

// summary
if (failures.length) {
  banner('errors');
  for (const f of failures) console.log(`[${f.label}] ${f.message.length > 6000 ? `…${f.message.slice(-6000)}` : f.message}\n`);
}
banner('summary');
for (const r of results) {
  const label = r.version ? `${r.stage} (${r.version})` : r.stage;
  const counts = r.passed !== undefined ? `${r.passed} passed, ${r.failed ?? 0} failed` : '';
  const why = !r.ok && r.note ? `${counts ? '; ' : ''}${r.note}` : '';
  console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${label.padEnd(24)} ${fmt(r.seconds * 1000).padStart(7)}  ${counts}${why}`);
}
const totalMs = Date.now() - t0;
console.log(`  total ${fmt(totalMs)}`);
fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
fs.writeFileSync(path.join(REPO, 'test-results', 'summary.json'), JSON.stringify({ finishedAt: new Date().toISOString(), seconds: Math.round(totalMs / 1000), results }, null, 2) + '\n');
const failedStages = results.filter((r) => !r.ok).map((r) => (r.version ? `${r.stage} (${r.version})` : r.stage));
if (failedStages.length) console.log(`failed stages: ${failedStages.join(', ')}`);
// the end of a CI log may be all that is kept: name the failed tests there, at most 10
for (const t of failedTests.slice(0, 10)) console.log(`  ✗ ${t}`);
if (failedTests.length > 10) console.log(`  … and ${failedTests.length - 10} more failed tests (see above)`);
const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.failed ?? 0), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStages.length ? 1 : 0);
