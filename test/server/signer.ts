// HMAC signing for the server's URLs (media, uploads) and opaque tokens (list cursors).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class Signer {
  private key = randomBytes(32);

  /** Forget the current key: everything signed so far stops verifying. */
  rotate(): void {
    this.key = randomBytes(32);
  }

  sign(...parts: ReadonlyArray<string | number>): string {
    return createHmac('sha256', this.key).update(parts.join('\n')).digest('base64url').slice(0, 32);
  }

  verify(signature: string, ...parts: ReadonlyArray<string | number>): boolean {
    const expected = Buffer.from(this.sign(...parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** An opaque, tamper-proof token: base64url(JSON) + "." + MAC. */
  seal(purpose: string, payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(purpose, body)}`;
  }

  /** The payload of a token sealed for `purpose`, or undefined if it is garbage, forged or for another purpose. */
  open(purpose: string, token: string): unknown {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0 || !this.verify(signature, purpose, body)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  }
}
