// The preview's Content-Security-Policy. Pure: no vscode import.

import { randomBytes } from 'node:crypto';

/**
 * The Content-Security-Policy of a preview: nothing by default; the extension's own script (by nonce),
 * style and fonts; images and media only from the webview's resources and the exact origins of the
 * signed URLs this panel uses. No inline style or script, no wildcard, no connect-src.
 */
export function buildCsp(cspSource: string, mediaOrigins: readonly string[], nonce: string): string {
  const media = [cspSource, ...mediaOrigins].join(' ');
  return [
    "default-src 'none'",
    `img-src ${media}`,
    `media-src ${media}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}
