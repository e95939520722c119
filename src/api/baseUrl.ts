// Which URLs the client may send requests to. Pure: also used by the extension to validate its settings.

export type BaseUrlValidation = { ok: true; url: string } | { ok: false; reason: string };

export const DEFAULT_BASE_URL = 'https://api.videogen.io';

/** 127.0.0.0/8, ::1 and localhost. Takes a WHATWG `URL.hostname` (IPv6 in brackets, IPv4 already canonical). */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Accepts https URLs, and http only for loopback hosts (the API key must never travel in clear text).
 * Returns the URL normalised: lower-case origin, no trailing slash, path prefix kept.
 */
export function validateBaseUrl(input: string): BaseUrlValidation {
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (trimmed === '') return { ok: false, reason: 'The API base URL is empty.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `"${trimmed}" is not a valid URL.` };
  }
  const transportProblem = describeInsecureTransport(url);
  if (transportProblem !== null) return { ok: false, reason: transportProblem };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The API base URL must not contain a user name or password.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'The API base URL must not contain a query string or fragment.' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** Null when the URL may carry our traffic; otherwise why not. Used for the base URL and upload URLs. */
export function describeInsecureTransport(url: URL): string | null {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (isLoopbackHostname(url.hostname)) return null;
    return `Refusing plain http to ${url.host}: use https (http is only allowed for loopback addresses such as 127.0.0.1, ::1 or localhost).`;
  }
  return `Unsupported URL scheme "${url.protocol}": use https.`;
}
