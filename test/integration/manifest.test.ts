// The command table (src/commands/table.ts) against package.json, inside a real VS Code: what is declared is
// registered, what is registered is declared, and every reference in the manifest points at something real.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';


interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

interface MenuItem {
  command: string;
  when?: string;
}

interface Keybinding {
  command: string;
  key: string;
  when?: string;
}

interface SettingSchema {
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
}

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    keybindings: Keybinding[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    configuration: { properties: Record<string, SettingSchema> };
  };
}

describe('command table and package.json', () => {
  let extensionPath: string;
  /** package.json as written, with its %nls% placeholders (VS Code's packageJSON has them replaced). */
  let manifest: Manifest;
  let nls: Record<string, string>;
  let registered: string[];

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    extensionPath = ext.extensionPath;
    manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as Manifest;
    nls = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    registered = await vscode.commands.getCommands(true);
  });

  function declaredCommands(): string[] {
    return manifest.contributes.commands.map((c) => c.command);
  }

  /** VS Code registers `<view id>.focus`, `.resetViewLocation`… for every contributed view: not ours to declare. */
  function isViewCommand(id: string): boolean {
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    return viewIds.some((view) => id.startsWith(`${view}.`));
  }

  it('declares each command once', () => {
    const declared = declaredCommands();
    const duplicates = declared.filter((id, i) => declared.indexOf(id) !== i);
    assert.deepEqual(duplicates, []);
    assert.ok(declared.length >= 20, `only ${declared.length} commands declared`);
  });

  it('registers every command package.json declares', () => {
    const missing = declaredCommands().filter((id) => !registered.includes(id));
    assert.deepEqual(missing, [], 'declared in contributes.commands but no handler registered');
  });

  it('registers no videogen.* command that package.json does not declare', () => {
    const declared = new Set(declaredCommands());
    const extra = registered.filter((id) => id.startsWith('videogen.') && !isViewCommand(id) && !declared.has(id));
    assert.deepEqual(extra, [], 'registered but not declared in contributes.commands');
  });

  it('points every menu entry and keybinding at a declared command', () => {
    const declared = new Set(declaredCommands());
    const menuCommands = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) => items.map((item) => `${menu}: ${item.command}`));
    const keybindingCommands = manifest.contributes.keybindings.map((k) => `keybinding ${k.key}: ${k.command}`);
    const dangling = [...menuCommands, ...keybindingCommands].filter((entry) => !declared.has(entry.split(': ')[1]!));
    assert.deepEqual(dangling, []);
    assert.ok(menuCommands.length > 0 && keybindingCommands.length > 0);
  });

  it('links welcome content only to commands that exist', () => {
    const contents = manifest.contributes.viewsWelcome.map((w) => resolveNls(w.contents));
    const linked = contents.flatMap((text) => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!));
    assert.ok(linked.length > 0, 'no command links found in the welcome content');
    const unknown = linked.filter((id) => !registered.includes(id));
    assert.deepEqual(unknown, []);
  });

  it('gives every command a title and category, and every %placeholder% a message', () => {
    for (const command of manifest.contributes.commands) {
      assert.ok(resolveNls(command.title).trim(), `${command.command} has no title`);
      assert.equal(command.category, 'VideoGen', `${command.command} has no VideoGen category`);
    }
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(placeholders.filter((key) => nls[key] === undefined), [], 'placeholders without an entry in package.nls.json');
  });

  it('describes every setting, and every enum value', () => {
    const settings = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(settings.length > 0);
    for (const [id, schema] of settings) {
      const description = resolveNls(schema.description ?? schema.markdownDescription ?? '');
      assert.ok(description.trim().length > 10, `${id} has no description`);
      if (schema.enum) assert.equal(schema.enumDescriptions?.length, schema.enum.length, `${id}: enumDescriptions do not match enum`);
    }
  });

  it('activates implicitly, never on startup', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents contains "*"');
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents contains "onStartupFinished"');
    const redundant = events.filter((e) => e.startsWith('onCommand:') || e.startsWith('onView:'));
    assert.deepEqual(redundant, [], 'commands and views activate the extension implicitly');
  });

  function resolveNls(value: string): string {
    const match = /^%([^%]+)%$/.exec(value);
    return match ? nls[match[1]!] ?? '' : value;
  }
});
