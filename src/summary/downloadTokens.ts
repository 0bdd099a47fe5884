import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link grants: one organisation's portfolio (or all), until it expires. */
export interface DownloadGrant {
  organisation: string | null;
  expiresAt: number;
}

/** How long a download link works. */
export const DOWNLOAD_LINK_MINUTES = 15;

/**
 * Short-lived, signed download links for the portfolio CSV: the link itself is the
 * permission (it is only ever shown in the manager's personal chat), it names no person, and
 * it stops working after a quarter of an hour. Signed with HMAC-SHA-256 under a key only the
 * bot's instances share.
 */
export class DownloadTokens {
  constructor(private readonly key: Buffer) {}

  issue(organisation: string | null, now: Date): string {
    const payload = Buffer.from(JSON.stringify({ o: organisation ?? '', e: now.getTime() + DOWNLOAD_LINK_MINUTES * 60_000 }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The grant, or undefined when the token is forged, damaged or expired. */
  verify(token: string, now: Date): DownloadGrant | undefined {
    if (token.length > 1000) return undefined;
    const [payload = '', mac = ''] = token.split('.');
    const expected = Buffer.from(this.mac(payload), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o?: unknown; e?: unknown };
      if (typeof parsed.o !== 'string' || typeof parsed.e !== 'number' || parsed.e < now.getTime()) return undefined;
      return { organisation: parsed.o || null, expiresAt: parsed.e };
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`download:${payload}`).digest('base64url');
  }
}
