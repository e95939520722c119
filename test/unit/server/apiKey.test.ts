import { strict as assert } from 'node:assert';
import { startServer, type LocalVideoGenServer } from '../../server/server';
import { api } from './helpers';

describe('local VideoGen server: revoking and replacing the API key', () => {
  let server: LocalVideoGenServer;

  before(async () => {
    server = await startServer();
  });
  afterEach(() => server.reset());
  after(async () => {
    await server.close();
  });

  it('POST /__admin/api-key revokes the accepted key and accepts a new random one', async () => {
    const old = server.apiKey;
    const answer = await fetch(`${server.baseUrl}/__admin/api-key`, { method: 'POST' });
    const { apiKey } = (await answer.json()) as { apiKey: string };
    assert.notEqual(apiKey, old);
    assert.equal(server.apiKey, apiKey);
    const refused = await api<{ code: string }>(server, 'GET', '/v1/files?limit=1', { key: old });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'invalid_api_key');
    assert.equal((await api(server, 'GET', '/v1/files?limit=1')).status, 200);
  });

  it('accepts a given key, refuses a malformed one, and reset restores the started key', async () => {
    const started = server.apiKey;
    assert.equal(server.replaceKey('sk_videogen_second'), 'sk_videogen_second');
    const bad = await fetch(`${server.baseUrl}/__admin/api-key`, { method: 'POST', body: JSON.stringify({ apiKey: 'has space' }) });
    assert.equal(bad.status, 400);
    assert.equal(server.apiKey, 'sk_videogen_second');
    server.reset();
    assert.equal(server.apiKey, started);
  });
});
