import * as assert from 'assert';
import { patience, useWorkbench, VIEW_CONTAINER_TITLE } from './fixture';

describe('smoke: the extension in a real VS Code workbench', function () {
  this.timeout(patience(60_000));
  const vs = useWorkbench();

  it(`loads as an Extension Development Host with the "${VIEW_CONTAINER_TITLE}" container, welcoming a fresh profile`, async () => {
    assert.match(await vs.page.title(), /Extension Development Host/);
    // a fresh profile has no API key: the Files view shows its welcome content with the Set API Key button
    assert.strictEqual(await vs.openView(), 'welcome');
    assert.match(await vs.welcomeText(), /API key/i);
    await vs.screenshot('smoke-workbench');
  });
});
