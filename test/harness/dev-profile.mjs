#!/usr/bin/env node
// Writes a VS Code user-data dir for the F5 launch configurations (.vscode/launch.json): its user settings
// point `videogen.apiBaseUrl` at the local VideoGen server. That setting has application scope, so it cannot
// come from the workspace's .vscode/settings.json; a separate --user-data-dir also keeps the developer's own
// profile (and its stored API key) out of the Extension Development Host.
//
//   node test/harness/dev-profile.mjs NAME [--fresh] [--api-base-url http://127.0.0.1:8787]
//   → .vscode-test/profiles/NAME/User/settings.json      (--fresh: wipe the profile first: no stored key)
import fs from 'node:fs';
import path from 'node:path';
import { REPO, BASE_SETTINGS, parseArgs } from './vscode.mjs';

const args = parseArgs(process.argv.slice(2), { booleans: ['fresh'] });
const name = args._[0];
if (!name || !/^[\w.-]+$/.test(name)) {
  console.error('usage: node test/harness/dev-profile.mjs NAME [--fresh] [--api-base-url URL]');
  process.exit(2);
}
const dir = path.join(REPO, '.vscode-test', 'profiles', name);
if (args.fresh) fs.rmSync(dir, { recursive: true, force: true });
const file = path.join(dir, 'User', 'settings.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
let current = {};
try {
  current = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  /* new profile */
}
const apiBaseUrl = typeof args['api-base-url'] === 'string' ? args['api-base-url'] : 'http://127.0.0.1:8787';
const settings = { ...BASE_SETTINGS, ...current, 'videogen.apiBaseUrl': apiBaseUrl };
fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
console.log(`profile ${path.relative(REPO, dir)}: videogen.apiBaseUrl = ${apiBaseUrl}${args.fresh ? ' (fresh)' : ''}`);
