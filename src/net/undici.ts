// Everything in src/ reaches undici through this file (eslint enforces it); types come from undici's own.
// undici itself (src/net/undiciModules.ts, bundled on its own as dist/net.js) is loaded on first use: creating a
// dispatcher or sending a request. Activation creates neither, so it does not pay for parsing undici.
import type { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';
import type * as Modules from './undiciModules';

export type { Dispatcher };

let loaded: typeof Modules | undefined;

function undici(): typeof Modules {
  // A plain require, so that it stays lazy: in dist/ esbuild points it at the second bundle (esbuild.js), in out/ it is tsc's file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./undiciModules') as typeof Modules;
  return loaded;
}

export function createAgent(options?: Agent.Options): Dispatcher {
  return new (undici().Agent)(options);
}

export function createEnvHttpProxyAgent(options: EnvHttpProxyAgent.Options): Dispatcher {
  return new (undici().EnvHttpProxyAgent)(options);
}

/** undici's `request(url, options)`, with the dispatcher required: the extension never uses the global one. */
export function request(url: URL, options: Modules.RequestOptions): Promise<Dispatcher.ResponseData> {
  return undici().request(url, options);
}
