import restify from 'restify';
import type { Application } from '@microsoft/teams-ai';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';

export interface HealthInfo {
  documents: () => number;
  store: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP front: POST /api/messages (Bot Framework activities, token-checked by the
 * adapter) and GET /health. Nothing else is exposed.
 */
export async function startServer(opts: {
  adapter: TeamsAdapter;
  app: Application;
  port: number;
  host: string;
  log: Logger;
  health: HealthInfo;
}): Promise<RunningServer> {
  const server = restify.createServer({ name: 'planpiloten', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await opts.adapter.process(req, res, async (context) => {
        await opts.app.run(context);
      });
    } catch (error) {
      opts.log.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) res.send(500);
    }
  });

  server.get('/health', (_req, res, next) => {
    res.send(200, { status: 'ok', documents: opts.health.documents(), store: opts.health.store });
    next();
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
