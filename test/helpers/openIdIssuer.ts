import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework's token issuer: publishes OpenID metadata and a
 * signing key (endorsed for msteams) and signs channel tokens with it, so that
 * botbuilder's real validation runs end to end without the internet.
 */
export class OpenIdIssuer {
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  metadataUrl = '';

  async start(): Promise<void> {
    const jwk = { ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/\.well-known.*$/, '');
      const body = req.url?.endsWith('/keys')
        ? { keys: [jwk] }
        : { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/openidconfiguration`;
  }

  /** A channel token for `appId`, signed with the published key (or another one). */
  token(appId: string, serviceUrl: string, signWith: KeyObject = this.keys.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 }),
    ).toString('base64url');
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(signWith).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  static otherKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
