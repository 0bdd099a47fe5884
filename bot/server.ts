import restify from 'restify';
import type { Application } from '@microsoft/teams-ai';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import type { PlanpilotenAdapter } from './adapter.js';
import { checkActivity, tenantOf } from './activityShape.js';
import { BodyError, readJsonBody } from './requestBody.js';

export interface Readiness {
  /** Resolves when the store answers; rejects otherwise. */
  store: () => Promise<void>;
  /** Documents indexed; 0 means the knowledge base is not ready. */
  documents: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP front: POST /api/messages and GET /health. Nothing else is exposed, and nothing a
 * caller sends is stored or parsed before it passed the cheap checks: with a bot identity a
 * request without a token is refused before its body is read; only JSON without a content
 * encoding, up to 1 MB, is read at all; an activity must have the shape the bot relies on;
 * with an allow-list, only the municipality's own tenant gets through. Then the token is
 * validated (401 when it fails) and the turn runs.
 */
export async function startServer(opts: {
  adapter: PlanpilotenAdapter;
  app: Application;
  port: number;
  host: string;
  log: Logger;
  requireToken: boolean;
  allowedTenants: readonly string[];
  ready: Readiness;
  /** The portfolio CSV for a signed download link; undefined when the link is not valid (any more). */
  download?: (token: string) => Promise<{ filename: string; body: string } | undefined>;
}): Promise<RunningServer> {
  const { log } = opts;
  const server = restify.createServer({ name: 'planpiloten', handleUncaughtExceptions: false });
  const allowed = new Set(opts.allowedTenants);

  server.post('/api/messages', async (req, res) => {
    const refuse = (status: number, reason: string): void => {
      log.warn({ event: 'request_refused', status, reason }, 'request refused');
      if (!res.headersSent) res.send(status, { error: reason });
    };
    const authHeader = req.headers.authorization ?? '';
    if (opts.requireToken && !/^Bearer\s+\S+/i.test(authHeader)) {
      refuse(401, 'token');
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      refuse(error instanceof BodyError ? error.status : 400, error instanceof BodyError ? error.message : 'body');
      return;
    }
    const shape = checkActivity(body);
    if (!shape.ok) {
      refuse(400, `activity.${shape.field}`);
      return;
    }
    const activity = shape.activity;
    if (allowed.size > 0) {
      const tenant = tenantOf(activity);
      if (!tenant || !allowed.has(tenant)) {
        refuse(403, 'tenant');
        return;
      }
    }
    try {
      const auth = await opts.adapter.authenticate(activity, authHeader);
      const invokeResponse = await opts.adapter.runAuthenticated(auth, activity, async (context) => {
        await opts.app.run(context);
      });
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        refuse(401, 'token');
        return;
      }
      log.error({ err: error, activityType: activity.type }, 'request failed');
      if (!res.headersSent) res.send(500);
    }
  });

  server.get('/export/portfolio.csv', async (req, res) => {
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('t') ?? '';
    const file = opts.download ? await opts.download(token).catch((error: unknown) => log.error({ err: error }, 'download failed')) : undefined;
    if (!file) {
      log.warn({ event: 'request_refused', status: 403, reason: 'download' }, 'download refused');
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Länken gäller inte längre. Skriv "ladda ned portföljen" till Planpiloten för en ny.');
      return;
    }
    log.info({ event: 'download' }, 'portfolio downloaded');
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    });
    res.end(file.body);
  });

  server.get('/health', async (_req, res) => {
    const store = await opts.ready.store().then(
      () => true,
      () => false,
    );
    const knowledge = opts.ready.documents() > 0;
    res.send(store && knowledge ? 200 : 503, { status: store && knowledge ? 'ok' : 'unavailable', store, knowledge });
  });

  server.on('restifyError', (_req, _res, error: Error, callback: () => void) => {
    log.warn({ event: 'http_error', err: { type: error.name } }, 'http error');
    callback();
  });
  server.server.on('clientError', (_error, socket) => {
    socket.destroy();
  });

  await new Promise<void>((resolve) => {
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address();
  const host = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeAllConnections();
      }),
  };
}
