import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';


describe('extension activation', () => {
  it(`${EXTENSION_ID} is installed as the development extension and activates`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not known to the extension host`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.packageJSON.name, 'videogen-files');
  });
});
