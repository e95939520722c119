// Nothing leaks out: another installed extension (a probe installed beside this one, in a development window,
// not test mode) gets no exports from VideoGen Files and finds the API key in no setting it can read.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { REPO, useWorkbench } from './fixture';

const KEY = 'sk_videogen_probe_0123456789abcdef';

describe('The public surface, as another extension sees it', function () {
  this.timeout(120_000);
  const vs = useWorkbench({
    server: { apiKey: KEY },
    installedExtensions: [path.join(REPO, 'test', 'e2e', 'probe')],
    env: { VIDEOGEN_PROBE_KEY: KEY },
  });

  it('exports nothing, and the key stored through the UI is in no setting', async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(KEY);
    await vs.waitForTreeItems((labels) => labels.length > 0, { timeout: 30_000 });
    await vs.runCommand('VideoGen Probe: Inspect');
    const report = await vs.waitForNotification(/^Probe: /);
    assert.match(report, /exports none;/, report);
    assert.match(report, /key in settings false/, report);
  });
});
