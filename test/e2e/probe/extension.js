// A stand-in for any other installed extension. Its first command reports what it can reach of VideoGen Files:
// the extension's exports, and whether the API key (passed to this probe by the test, as VIDEOGEN_PROBE_KEY) shows
// up in any setting it can read. Its second uses VideoGen's language-model tools as an agent would (search, then
// insert the best match at the cursor), outside a chat, so VS Code asks the insert's confirmation in its own dialog.
// The answers are information messages the e2e tests read.
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
    vscode.commands.registerCommand('videogenProbe.insertWithTools', async () => {
      const text = (result) => result.content.map((part) => part.value).join('');
      try {
        const query = process.env.VIDEOGEN_PROBE_QUERY || 'mountain sunrise';
        const search = await vscode.lm.invokeTool('videogen_searchFiles', { input: { query, count: 1 }, toolInvocationToken: undefined });
        const [best] = JSON.parse(text(search)).results;
        const inserted = await vscode.lm.invokeTool('videogen_insertReference', { input: { id: best.id }, toolInvocationToken: undefined });
        const answer = JSON.parse(text(inserted));
        vscode.window.showInformationMessage(`Probe tools: inserted ${answer.id} as ${answer.format} into ${answer.document}`);
      } catch (error) {
        vscode.window.showInformationMessage(`Probe tools: not inserted: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

module.exports = { activate };
