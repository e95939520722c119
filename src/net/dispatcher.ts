import { createAgent, createEnvHttpProxyAgent, type Dispatcher } from './undici';

/** The proxy-related settings VS Code users already have (`http.*`), plus the process environment. */
export interface ProxySettings {
  /** `http.proxy`: an explicit proxy URL; empty means "use the environment". */
  proxy: string;
  /** `http.proxyStrictSSL`: verify TLS certificates of servers and proxies. */
  strictSSL: boolean;
  /** `http.noProxy`: hosts that bypass the proxy. */
  noProxy: readonly string[];
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];
const KEEP_ALIVE = { keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 8 } as const;

/**
 * Builds the one dispatcher every request of the extension goes through.
 * An explicit `http.proxy` wins over HTTP_PROXY / HTTPS_PROXY; NO_PROXY and `http.noProxy` are both honoured. Loopback hosts never go through a proxy (the local development server).
 */
export function createDispatcher(settings: ProxySettings, env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const tls = { rejectUnauthorized: settings.strictSSL };
  const explicitProxy = settings.proxy.trim();
  const httpProxy = explicitProxy || env.HTTP_PROXY || env.http_proxy || '';
  const httpsProxy = explicitProxy || env.HTTPS_PROXY || env.https_proxy || httpProxy;
  if (!httpProxy && !httpsProxy) {
    return createAgent({ ...KEEP_ALIVE, connect: tls });
  }
  const envNoProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((h) => h.trim());
  const noProxy = [...new Set([...envNoProxy, ...settings.noProxy, ...LOOPBACK_HOSTS].filter(Boolean))].join(',');
  return createEnvHttpProxyAgent({
    ...KEEP_ALIVE,
    httpProxy,
    httpsProxy,
    noProxy,
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
}
