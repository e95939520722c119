// Runs the local VideoGen server: node out/test/server/cli.js --help
import { RATE_LIMIT_GROUPS, type RateLimitGroup } from './rateLimit';
import { startServer, type RequestLogEntry, type ServerOptions } from './server';

const USAGE = `Usage: node out/test/server/cli.js [options]

  --port N                 port to listen on (default 0: a free port)
  --host HOST              address to bind (default 127.0.0.1)
  --api-key KEY            the API key clients must send (default sk_videogen_local_dev)
  --library FILE           library JSON to load (default test/server/library.json)
  --files N                grow the library to N files by cycling its entries
  --url-lifetime SECONDS   lifetime of signed URLs made by hydrate (default 604800 = 7 days)
  --processing-delay MS    upload processing time after the PUT (default 1500)
  --playback-delay MS      time until a public video's/audio's playback id appears after enabling (default 0)
  --rate-limit GROUP=N     requests per hour for a group (${RATE_LIMIT_GROUPS.join(', ')}); repeatable
  --quiet                  do not log requests
  --help                   show this help`;

class UsageError extends Error {}

interface CliOptions {
  server: ServerOptions;
  quiet: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const server: ServerOptions = {};
  const rateLimits: Partial<Record<RateLimitGroup, number>> = {};
  let quiet = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? splitOnce(argv[i], '=') : [argv[i], undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': server.port = integer(flag, value(), 0, 65_535); break;
      case '--host': server.host = value(); break;
      case '--api-key': server.apiKey = value(); break;
      case '--library': server.libraryFile = value(); break;
      case '--files': server.files = integer(flag, value(), 1, 5_000_000); break;
      case '--url-lifetime': server.urlLifetimeSeconds = integer(flag, value(), 1, 10 * 365 * 86_400); break;
      case '--processing-delay': server.processingDelayMs = integer(flag, value(), 0, 3_600_000); break;
      case '--playback-delay': server.publicPlaybackDelayMs = integer(flag, value(), 0, 600_000); break;
      case '--rate-limit': {
        const [group, limit] = splitOnce(value(), '=');
        if (!RATE_LIMIT_GROUPS.includes(group as RateLimitGroup) || limit === undefined) {
          throw new UsageError(`--rate-limit takes GROUP=N with GROUP one of ${RATE_LIMIT_GROUPS.join(', ')}`);
        }
        rateLimits[group as RateLimitGroup] = integer('--rate-limit', limit, 0, 1_000_000_000);
        break;
      }
      case '--quiet': quiet = true; break;
      case '--help': case '-h': help = true; break;
      default: throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  if (Object.keys(rateLimits).length > 0) server.rateLimits = rateLimits;
  return { server, quiet, help };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`${flag} must be an integer between ${min} and ${max}, got "${raw}"`);
  return value;
}

function logLine(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query).toString();
  const status = entry.status === 0 ? 'reset' : String(entry.status);
  return `${entry.method} ${entry.path}${query ? `?${shorten(query)}` : ''} ${status} ${Date.now() - entry.at}ms`;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`videogen local server: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const server = await startServer({ ...options.server, onRequest: options.quiet ? undefined : (entry) => console.log(logLine(entry)) });
  console.log(`VideoGen local server listening on ${server.baseUrl} (API key: ${server.apiKey})`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`videogen local server: could not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`videogen local server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
