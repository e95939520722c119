import * as vscode from 'vscode';
import type { App } from './app';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerCommands } from './commands/table';
import { ErrorReporter } from './errors';
import { Log } from './log';
import { PreviewPanelManager } from './preview/panels';
import { ApiSession } from './session';
import { registerFilesTree } from './tree';

/**
 * Activation is implicit (views and commands in package.json) and does no network request:
 * the client is built, and the API first called, when a view or command needs it.
 */
export function activate(context: vscode.ExtensionContext): App {
  const log = new Log(vscode.window.createOutputChannel('VideoGen', { log: true }));
  const keys = new ApiKeyStore(context.secrets);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const session = new ApiSession(keys, log, `videogen-vscode/${version} vscode/${vscode.version} node/${process.versions.node}`);
  const errors = new ErrorReporter(session, log);
  const filesTree = registerFilesTree({ context, log, keys, session, errors });
  const previews = new PreviewPanelManager({ context, log, keys, session, errors });
  const app: App = {
    context,
    log,
    keys,
    session,
    errors,
    files: filesTree.view,
    previews,
  };
  context.subscriptions.push(log, keys, session, filesTree.disposable, previews, ...registerCommands(app));
  return app;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
