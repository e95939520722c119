// A stand-in for any other installed extension. Its one command reports what it can reach of VideoGen Files:
// the extension's exports, and whether the API key (passed to this probe by the test, as VIDEOGEN_PROBE_KEY) shows
// up in any setting it can read. The answer is an information message the e2e test reads.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('videogenProbe.inspect', async () => {
      const extension = vscode.extensions.getExtension('videogen-community.videogen-files');
      const exported = extension ? await extension.activate() : 'not installed';
      const exportsSeen = exported === undefined ? 'none' : typeof exported === 'object' && exported !== null ? Object.keys(exported).join('+') || 'empty object' : String(exported);
      const key = process.env.VIDEOGEN_PROBE_KEY || '';
      const settings = JSON.stringify(vscode.workspace.getConfiguration());
      const keyInSettings = key !== '' && settings.includes(key);
      vscode.window.showInformationMessage(`Probe: exports ${exportsSeen}; key in settings ${keyInSettings}`);
    }),
  );
}

module.exports = { activate };
