// The parts of undici the extension uses, loaded from their own files. undici's root module also loads fetch,
// WebSocket, EventSource, the cache API, cookies and the mock agents, which more than doubled the bundle.
// This is the entry of the second bundle, dist/net.js: only src/net/undici.ts loads it, on the first request or
// dispatcher, so activation never parses undici (more than half of the extension's code).
import type { Dispatcher } from 'undici';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher';
import api from 'undici/lib/api';

export { default as Agent } from 'undici/lib/dispatcher/agent';
export { default as EnvHttpProxyAgent } from 'undici/lib/dispatcher/env-http-proxy-agent';

// undici's root module installs request(), stream() … on every dispatcher this way; do the same so that the
// methods its types declare exist.
Object.assign(DispatcherClass.prototype, api);

export type RequestOptions = { dispatcher: Dispatcher } & Omit<Dispatcher.RequestOptions, 'origin' | 'path'>;

/** undici's `request(url, options)`, with the dispatcher required: the extension never uses the global one. */
export function request(url: URL, { dispatcher, ...options }: RequestOptions): Promise<Dispatcher.ResponseData> {
  return dispatcher.request({ ...options, origin: url.origin, path: `${url.pathname}${url.search}` });
}
