import { strict as assert } from 'node:assert';
import { VideoGenClient, isLoopbackHostname, validateBaseUrl } from '../../../src/api';
import { expectApiError } from './helpers';

describe('api/validateBaseUrl', () => {
  it('accepts https and normalises it', () => {
    assert.deepEqual(validateBaseUrl('https://api.videogen.io'), { ok: true, url: 'https://api.videogen.io' });
    assert.deepEqual(validateBaseUrl(' https://API.VideoGen.io/ '), { ok: true, url: 'https://api.videogen.io' });
    assert.deepEqual(validateBaseUrl('https://proxy.example:8443/videogen//'), { ok: true, url: 'https://proxy.example:8443/videogen' });
  });

  it('accepts plain http only for loopback hosts', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://127.9.8.7', 'http://localhost:3000/', 'http://[::1]:8787', 'http://LOCALHOST']) {
      const result = validateBaseUrl(url);
      assert.equal(result.ok, true, url);
    }
    assert.deepEqual(validateBaseUrl('http://localhost:3000/'), { ok: true, url: 'http://localhost:3000' });
    for (const url of ['http://api.videogen.io', 'http://10.0.0.2:8787', 'http://128.0.0.1', 'http://localhost.evil.com', 'http://[::2]']) {
      const result = validateBaseUrl(url);
      assert.equal(result.ok, false, url);
      if (!result.ok) assert.match(result.reason, /https/);
    }
  });

  it('rejects non-URLs, other schemes, credentials, queries', () => {
    for (const url of ['', 'api.videogen.io', 'ftp://api.videogen.io', 'https://user:pw@api.videogen.io', 'https://api.videogen.io/?x=1', 'https://api.videogen.io/#top']) {
      assert.equal(validateBaseUrl(url).ok, false, url);
    }
  });

  it('recognises loopback host names', () => {
    assert.equal(isLoopbackHostname('127.0.0.1'), true);
    assert.equal(isLoopbackHostname('[::1]'), true);
    assert.equal(isLoopbackHostname('localhost'), true);
    assert.equal(isLoopbackHostname('example.com'), false);
  });

  it('the client refuses an insecure base URL at construction', async () => {
    const error = await expectApiError(() => new VideoGenClient({ apiKey: 'sk_test', baseUrl: 'http://api.videogen.io' }), 'insecure_url');
    assert.match(error.message, /Refusing plain http to api\.videogen\.io/);
    assert.ok(!error.message.includes('sk_test'));
  });
});
