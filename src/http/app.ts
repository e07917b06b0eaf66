import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { createErrorHandler, sendError } from './errorHandler.js';

/** A router (or middleware) and where it is mounted. */
export interface Mount {
  path: string;
  router: RequestHandler;
}

export interface AppDeps {
  log: Logger;
  metrics: Metrics;
  health: () => { ok: true; store: 'memory' | 'redis'; llm: boolean };
  mounts: Mount[];
  /** Express `trust proxy` setting (hops), so rate limits see the client's address behind a proxy. */
  trustProxy?: number | boolean;
}

/**
 * The HTTP app: health, metrics, then every mounted router (web API, agent API, webhooks, pages),
 * a JSON 404 and the one error handler. Routers own their body parsers and limits.
 */
export function createHttpApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json(deps.health());
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  for (const { path, router } of deps.mounts) app.use(path, router);
  app.use((req, res) => {
    sendError(res, 404, 'not_found', `no route for ${req.method} ${req.path}`);
  });
  app.use(createErrorHandler(deps.log));
  return app;
}
