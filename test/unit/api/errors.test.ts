import { strict as assert } from 'node:assert';
import { withoutQueryStrings } from '../../../src/api/errors';

describe('api/errors: withoutQueryStrings', () => {
  const cursor = 'eyJ1IjoxNzY0NjUwMDAwMDAwLCJpZCI6InZnX2ZpbGVfQUFBQUFBQUFBQUFBQUFBQUFBQUFBQSJ9.3q2-7w_Zx9Kc1VfNq0sXm1Aq8E';

  it('cuts the query off a request path in a network message, keeping what follows', () => {
    const message = `Connection to http://127.0.0.1:8787 failed while reading the response to GET /v1/files?limit=200&cursor=${cursor}: connection reset`;
    assert.equal(withoutQueryStrings(message), 'Connection to http://127.0.0.1:8787 failed while reading the response to GET /v1/files: connection reset');
  });

  it('cuts it inside parentheses (a timeout) and leaves origins and paths without a query alone', () => {
    assert.equal(
      withoutQueryStrings(`Request to https://api.videogen.io timed out after 30 s (GET /v1/files?cursor=${cursor}&includeExportFiles=true)`),
      'Request to https://api.videogen.io timed out after 30 s (GET /v1/files)',
    );
    assert.equal(withoutQueryStrings('Could not reach https://api.videogen.io: connection refused'), 'Could not reach https://api.videogen.io: connection refused');
    assert.equal(withoutQueryStrings('POST /v1/files/vg_file_abc/hydrate failed'), 'POST /v1/files/vg_file_abc/hydrate failed');
  });

  it('leaves a question that is not a query alone', () => {
    assert.equal(withoutQueryStrings('Is VideoGen up? Try again.'), 'Is VideoGen up? Try again.');
  });
});
