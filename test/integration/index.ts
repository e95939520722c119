// Entry of the integration tests, run *inside* the VS Code extension host.
//
// VS Code (here: code-server, started by test/harness/run-integration.mjs; or desktop VS Code through
// test/harness/run-electron.mjs / the "Integration tests" launch config) loads this module because it is the
// `extensionTestsPath`, awaits `run()`, and exits the extension host with 0 when it resolves, 1 when it
// rejects. Console output (mocha's spec reporter) is forwarded to the harness.
//
// Suites: every `out/test/integration/**/*.test.js` (compiled from `test/integration/**/*.test.ts` by
// `tsc -p .`), with mocha's BDD interface (`describe` / `it`). Environment read here:
//   VIDEOGEN_TEST_GREP     only run tests whose full title matches this pattern (mocha --grep)
//   VIDEOGEN_TEST_TIMEOUT  per-test timeout in ms (default 20000)
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** `*.test.js` files under `dir`, sorted so that runs are reproducible. */
function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.VIDEOGEN_TEST_TIMEOUT) || 20000,
    slow: 2000,
    ...(process.env.VIDEOGEN_TEST_GREP ? { grep: process.env.VIDEOGEN_TEST_GREP } : {}),
  });
  const files = findTests(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files under ${__dirname}`));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
