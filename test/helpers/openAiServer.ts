import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throw-away certificate for 127.0.0.1 (Azure OpenAI endpoints are HTTPS only). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RecordedRequest {
  path: string;
  apiKey: string | undefined;
  body: { messages: { role: string; content: string }[]; temperature?: number; max_tokens?: number };
}

/**
 * A local server speaking the Azure OpenAI chat completions protocol. It records every
 * request (the prompt the bot sent) and answers with whatever the test queues.
 */
export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: ({ status: number; content?: string })[] = [];
  private server: Server | undefined;
  private readonly tls = selfSignedCertificate();
  url = '';
  /** A client agent that trusts this server's certificate, and nothing else extra. */
  readonly agent = new Agent({ ca: this.tls.cert, keepAlive: false });

  reply(content: string): void {
    this.replies.push({ status: 200, content });
  }

  fail(status: number): void {
    this.replies.push({ status });
  }

  async start(): Promise<void> {
    this.server = createServer({ key: this.tls.key, cert: this.tls.cert }, (req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        this.requests.push({ path: req.url ?? '', apiKey: req.headers['api-key'] as string | undefined, body: JSON.parse(raw || '{}') as RecordedRequest['body'] });
        const next = this.replies.shift() ?? { status: 200, content: 'INGET_SVAR' };
        res.writeHead(next.status, { 'content-type': 'application/json' });
        if (next.status !== 200) {
          res.end(JSON.stringify({ error: { code: 'server_error', message: 'test failure' } }));
          return;
        }
        res.end(
          JSON.stringify({
            id: `chatcmpl-${this.requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'gpt-4o',
            choices: [{ index: 0, message: { role: 'assistant', content: next.content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
