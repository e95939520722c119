// Process helpers shared by the harness scripts.
//
// Every child that may have children of its own (code-server, npm, the local server CLI, a desktop `code`)
// is started in its own process group (`detached: true`) and stopped with `process.kill(-pgid)`. Nothing is
// ever stopped by name. Groups still registered are stopped when the harness exits, fails or gets
// SIGINT/SIGTERM/SIGHUP (Playwright traps SIGTERM, so the harness handles the signals itself).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** @type {Set<number>} process-group ids still to stop */
const groups = new Set();
/** @type {Set<() => (void | Promise<void>)>} async cleanups (browser.close, server.close, …) run before the groups are killed */
const cleanups = new Set();
/** @type {Set<string>} directories removed when the harness exits (run dirs) */
const dirs = new Set();
let exiting = false;

/** Removes `dir` when the harness exits, however it exits (short of SIGKILL); returns a fn that removes it now. */
export function removeOnExit(dir) {
  dirs.add(dir);
  return () => {
    dirs.delete(dir);
    rmQuiet(dir);
  };
}

function rmQuiet(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  } catch {
    /* a straggler still writing: best effort */
  }
}

/** Sends `signal` to the whole process group `pgid`; ignores groups that are already gone. */
export function killGroup(pgid, signal = 'SIGTERM') {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** True while at least one process of group `pgid` is alive. */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process group: SIGTERM, then SIGKILL after `graceMs` if something in it is still alive.
 * Resolves when the group is gone (or after the SIGKILL).
 */
export async function stopGroup(pgid, graceMs = 3000) {
  if (!pgid) return;
  groups.delete(pgid);
  if (!killGroup(pgid, 'SIGTERM')) return;
  for (const end = Date.now() + graceMs; Date.now() < end; await sleep(50)) {
    if (!groupAlive(pgid)) return;
  }
  killGroup(pgid, 'SIGKILL');
  for (const end = Date.now() + 1000; Date.now() < end && groupAlive(pgid); ) await sleep(20);
}

/** Registers an async cleanup run on exit/signal before the process groups are killed; returns an unregister fn. */
export function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs all registered cleanups and stops all registered process groups (idempotent per item). */
export async function cleanupAll() {
  const fns = [...cleanups];
  cleanups.clear();
  for (const fn of fns.reverse()) {
    try {
      await Promise.race([fn(), sleep(15000)]);
    } catch {
      /* best effort */
    }
  }
  await Promise.all([...groups].map((g) => stopGroup(g)));
}

function syncKillAll() {
  for (const g of groups) killGroup(g, 'SIGKILL');
  groups.clear();
  for (const d of dirs) rmQuiet(d);
  dirs.clear();
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n[harness] ${sig}: stopping everything`);
    cleanupAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}
// Last resort when the script ends without cleaning up (uncaught error, process.exit()).
process.on('exit', syncKillAll);

/**
 * Spawns `cmd args` in a new process group that is stopped automatically when the harness exits.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [opts]
 * @returns {import('node:child_process').ChildProcess & { pgid: number, stop: (graceMs?: number) => Promise<void>, exited: Promise<number|null> }}
 */
export function spawnGroup(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', ...opts, detached: true });
  const pgid = child.pid;
  if (pgid) groups.add(pgid);
  const exited = new Promise((resolve) => {
    child.on('error', () => resolve(null));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
  });
  return Object.assign(child, {
    pgid,
    exited,
    stop: (graceMs) => stopGroup(pgid, graceMs),
  });
}

/**
 * Runs a command to completion in its own process group, output inherited (or captured with `capture`).
 * Resolves `{ code, stdout, stderr, ms }`; never rejects on a non-zero exit.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions & { capture?: boolean, timeoutMs?: number, echo?: boolean }} [opts]
 */
export async function run(cmd, args, opts = {}) {
  const { capture = false, timeoutMs = 0, echo = true, ...spawnOpts } = opts;
  const t0 = Date.now();
  const child = spawnGroup(cmd, args, { ...spawnOpts, stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
  let stdout = '';
  let stderr = '';
  if (capture) {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (echo) process.stderr.write(d);
    });
  }
  let timer;
  if (timeoutMs) {
    timer = setTimeout(() => {
      stderr += `\n[harness] ${cmd} timed out after ${timeoutMs} ms\n`;
      console.error(`[harness] ${cmd} ${args.join(' ')}: timed out after ${timeoutMs / 1000}s, stopping it`);
      child.stop();
    }, timeoutMs);
  }
  const code = await child.exited;
  clearTimeout(timer);
  groups.delete(child.pgid);
  // a well-behaved command leaves nothing behind; stop stragglers of its group anyway
  if (groupAlive(child.pgid)) await stopGroup(child.pgid, 1000);
  return { code: code ?? 1, stdout, stderr, ms: Date.now() - t0 };
}

/** Seconds since `t0` as "12.3s". */
export const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
