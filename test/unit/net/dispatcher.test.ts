import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { createDispatcher } from '../../../src/net/dispatcher';

/** A CONNECT proxy that tunnels every host to one loopback origin and records what it was asked for. */
async function startTunnelProxy(targetPort: number): Promise<{ url: string; connects: string[]; close(): Promise<void> }> {
  const connects: string[] = [];
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    connects.push(req.url ?? '');
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () => new Promise((resolve) => { proxy.closeAllConnections(); proxy.close(() => resolve()); }),
  };
}

describe('shared dispatcher', () => {
  let origin: http.Server;
  let originPort: number;

  before(async () => {
    origin = http.createServer((req, res) => res.end(`hello from ${req.headers.host}`));
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originPort = (origin.address() as AddressInfo).port;
  });
  after(() => {
    origin.closeAllConnections();
    origin.close();
  });

  it('connects directly when no proxy is configured', async () => {
    const dispatcher = createDispatcher({ proxy: '', strictSSL: true, noProxy: [] }, {});
    try {
      const res = await request(`http://127.0.0.1:${originPort}/`, { dispatcher });
      assert.equal(await res.body.text(), `hello from 127.0.0.1:${originPort}`);
    } finally {
      await dispatcher.close();
    }
  });

  it('sends requests through the proxy named by http.proxy', async () => {
    const proxy = await startTunnelProxy(originPort);
    const dispatcher = createDispatcher({ proxy: proxy.url, strictSSL: true, noProxy: [] }, {});
    try {
      const res = await request('http://media.videogen.test/ping', { dispatcher });
      assert.equal(await res.body.text(), 'hello from media.videogen.test');
      assert.deepEqual(proxy.connects, ['media.videogen.test:80']);
    } finally {
      await dispatcher.close();
      await proxy.close();
    }
  });

  it('honours HTTPS_PROXY / HTTP_PROXY from the environment', async () => {
    const proxy = await startTunnelProxy(originPort);
    const dispatcher = createDispatcher({ proxy: '', strictSSL: true, noProxy: [] }, { HTTP_PROXY: proxy.url });
    try {
      const res = await request('http://api.videogen.test/', { dispatcher });
      assert.equal(res.statusCode, 200);
      await res.body.dump();
      assert.deepEqual(proxy.connects, ['api.videogen.test:80']);
    } finally {
      await dispatcher.close();
      await proxy.close();
    }
  });

  it('never sends loopback or http.noProxy hosts through the proxy', async () => {
    const proxy = await startTunnelProxy(originPort);
    const dispatcher = createDispatcher({ proxy: proxy.url, strictSSL: true, noProxy: ['nothing.example'] }, {});
    try {
      const res = await request(`http://127.0.0.1:${originPort}/`, { dispatcher });
      await res.body.dump();
      assert.equal(res.statusCode, 200);
      assert.deepEqual(proxy.connects, []);
    } finally {
      await dispatcher.close();
      await proxy.close();
    }
  });
});
