// The bench's floor (test/bench/workbench.ts): a view container whose tree has its rows at once, in pages of 200
// with "Load more…", each row a TreeItem of the same shape as a row of the Files view (label, id, description,
// codicon, contextValue, accessible label, a command carrying its element). What VS Code itself spends showing and
// growing such a tree is what the Files view's figures are measured against. Plain JavaScript: nothing to build.
/* global exports */
const vscode = require('vscode');

const PAGE = 200;

exports.activate = (context) => {
  const changed = new vscode.EventEmitter();
  const rows = [];
  const loadMore = { kind: 'loadMore' };
  const grow = () => {
    const end = rows.length + PAGE;
    while (rows.length < end) rows.push({ kind: 'row', index: rows.length });
  };
  grow();
  const provider = {
    onDidChangeTreeData: changed.event,
    getChildren: (element) => (element ? [] : [...rows, loadMore]),
    getTreeItem: (element) => {
      if (element.kind === 'loadMore') {
        const item = new vscode.TreeItem('Load more…');
        item.command = { command: 'benchBaseline.loadMore', title: 'Load more' };
        return item;
      }
      const n = element.index + 1;
      const item = new vscode.TreeItem(`Baseline file ${n}`);
      item.id = `row/${n}`;
      item.description = `0:${String(n % 60).padStart(2, '0')} · ${n} KB`;
      item.iconPath = new vscode.ThemeIcon('file-media');
      item.contextValue = 'file video hasDownload hasPreview';
      item.accessibilityInformation = { label: `Baseline file ${n}, video` };
      item.command = { command: 'benchBaseline.open', title: 'Open', arguments: [element, undefined, { preview: true }] };
      return item;
    },
  };
  context.subscriptions.push(
    vscode.window.createTreeView('benchBaseline.tree', { treeDataProvider: provider }),
    vscode.commands.registerCommand('benchBaseline.loadMore', () => {
      grow();
      changed.fire();
    }),
    vscode.commands.registerCommand('benchBaseline.open', () => undefined),
  );
};
