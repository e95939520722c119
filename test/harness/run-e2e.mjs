#!/usr/bin/env node
// Runs the e2e suites (test/e2e/**/*.test.ts, compiled to out/test/e2e/) in plain Node with mocha; each suite
// drives its own VS Code workbench through test/e2e/fixture.ts.
//
//   node test/harness/run-e2e.mjs [--vscode 4.100.3|4.139.1] [--grep PATTERN] [--no-build] [FILES...]
//
// Last line: `e2e (<version>): N passed, M failed`. Screenshots: test-results/<version>/*.png.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_VERSION, REPO, parseArgs } from './vscode.mjs';
import { ensureCodeServer } from './install-code-server.mjs';
import { run, secs } from './proc.mjs';

/** mocha's "N passing" / "N failing" / "N pending" from its spec-reporter output. */
export function mochaCounts(text) {
  const n = (re) => Number(re.exec(text)?.[1] ?? 0);
  const sawSummary = /^\s*\d+ passing/m.test(text);
  return { sawSummary, passed: n(/^\s*(\d+) passing/m), failed: n(/^\s*(\d+) failing/m), pending: n(/^\s*(\d+) pending/m) };
}

/**
 * The failed tests of mocha's spec-reporter output, one line each: "suite › test: first line of the error".
 * The failure list after "N failing" gives each as "  1) suite" with the rest of its title indented below, the
 * last title line ending in ":", then a blank line and the error.
 */
export function mochaFailures(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  if (start < 0) return [];
  const out = [];
  for (let i = start + 1; i < lines.length; i++) {
    const head = /^\s*\d+\) (.*)$/.exec(lines[i]);
    if (!head) continue;
    const title = [head[1].trim()];
    while (!title[title.length - 1].endsWith(':') && i + 1 < lines.length && lines[i + 1].trim()) title.push(lines[++i].trim());
    title[title.length - 1] = title[title.length - 1].replace(/:$/, '');
    while (i + 1 < lines.length && !lines[i + 1].trim()) i++;
    const error = lines[i + 1]?.trim() ?? '';
    out.push(`${title.join(' › ')}: ${error}`.slice(0, 400));
  }
  return out;
}

/** Every `*.test.js` under dir, sorted. */
function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.js'))
    .map((f) => path.join(dir, String(f)))
    .sort();
}

/**
 * Runs the e2e suites for one version; resolves { ok, passed, failed }.
 * @param {{ version?: string, grep?: string, files?: string[], build?: boolean, log?: (...a: unknown[]) => void }} [o]
 */
export async function runE2e(o = {}) {
  const version = o.version ?? DEFAULT_VERSION;
  const log = o.log ?? console.log;
  const t0 = Date.now();
  const dir = path.join(REPO, 'out', 'test', 'e2e');
  if (o.build !== false && (!fs.existsSync(path.join(dir, 'fixture.js')) || !fs.existsSync(path.join(REPO, 'dist', 'extension.js')))) {
    log('[e2e] building (node esbuild.js && tsc -p .)');
    await run('node', ['esbuild.js'], { cwd: REPO });
    await run('npx', ['tsc', '-p', '.'], { cwd: REPO });
  }
  const files = o.files?.length ? o.files.map((f) => path.resolve(f)) : findTests(dir);
  if (files.length === 0) throw new Error(`no e2e tests under ${dir}: run \`npx tsc -p .\``);
  await ensureCodeServer(version, { log }); // install outside mocha's timeouts
  // failure screenshots of an earlier run would mislead
  const results = path.join(REPO, 'test-results', version);
  for (const f of fs.existsSync(results) ? fs.readdirSync(results) : []) if (/^failed-.*\.png$/.test(f)) fs.rmSync(path.join(results, f), { force: true });
  const mocha = path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [mocha, '--no-config', '--ui', 'bdd', '--reporter', 'spec', '--timeout', '60000', '--slow', '10000', '--exit'];
  if (o.grep) args.push('--grep', o.grep);
  args.push(...files);
  const r = await run(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, VSCODE_VERSION: version, FORCE_COLOR: '0' },
    capture: true,
    echo: true,
    timeoutMs: 20 * 60 * 1000,
  });
  const c = mochaCounts(r.stdout);
  // a crash before mocha's summary, or a non-zero exit without failures, counts as one failure
  const failed = c.failed + (r.code !== 0 && c.failed === 0 ? 1 : 0);
  const ok = r.code === 0 && c.sawSummary && c.passed > 0 && failed === 0;
  if (r.code === 0 && c.passed === 0) log('[e2e] FAIL: no e2e test ran');
  log(`[e2e] ${version} finished in ${secs(t0)}; screenshots in ${path.relative(REPO, path.join(REPO, 'test-results', version))}`);
  return { ok, passed: c.passed, failed: ok ? 0 : Math.max(failed, 1), pending: c.pending };
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const args = parseArgs(process.argv.slice(2), { booleans: ['no-build'] });
  const version = args.vscode ?? process.env.VSCODE_VERSION ?? DEFAULT_VERSION;
  let result;
  try {
    result = await runE2e({ version, grep: typeof args.grep === 'string' ? args.grep : undefined, files: args._, build: !args['no-build'] });
  } catch (e) {
    console.error(`[e2e] ERROR: ${e instanceof Error ? e.stack : e}`);
    result = { ok: false, passed: 0, failed: 1 };
  }
  console.log(`e2e (${version}): ${result.passed} passed, ${result.failed} failed`);
  process.exit(result.ok ? 0 : 1);
}
