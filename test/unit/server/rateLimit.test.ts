import { strict as assert } from 'node:assert';
import { startServer, type LocalVideoGenServer } from '../../server/server';
import { api, findByName } from './helpers';

describe('local VideoGen server: rate limits', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer({ rateLimits: { hydrate: 2 } });
  });
  after(async () => {
    await server.close();
  });

  it('counts per endpoint group per hour and answers 429 rate_limited with Retry-After when exhausted', async () => {
    const file = await findByName(server, 'Mountain at sunrise');
    const hydrate = (): ReturnType<typeof api<{ message: string; code: string }>> => api(server, 'POST', `/v1/files/${file.fileId}/hydrate`);
    const first = await hydrate();
    const second = await hydrate();
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.equal(first.headers.get('x-ratelimit-limit'), '2');
    assert.deepEqual([first.headers.get('x-ratelimit-remaining'), second.headers.get('x-ratelimit-remaining')], ['1', '0']);

    const limited = await hydrate();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate_limited');
    assert.equal(typeof limited.body.message, 'string');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(retryAfter >= 1 && retryAfter <= 3600);
    assert.ok(Math.abs(reset - (Math.floor(Date.now() / 1000) + retryAfter)) <= 2, 'Retry-After points at X-RateLimit-Reset');
    assert.equal(reset % 3600, 0, 'fixed hourly window');

    const listing = await api(server, 'GET', '/v1/files?limit=1');
    assert.equal(listing.status, 200, 'other groups are unaffected');
    assert.equal(listing.headers.get('x-ratelimit-limit'), '50000');

    server.reset();
    assert.equal((await hydrate()).status, 200, 'reset restores the counters');
  });
});
