import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { createErrorHandler, sendError } from './errorHandler.js';
import type { Health, Readiness } from './health.js';
import { bearerToken } from './requestToken.js';

/** Constant-time check of a bearer token against one expected value. */
function tokenChecker(expected: string): (given: string | undefined) => boolean {
  const want = createHash('sha256').update(expected).digest();
  return (given) => given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), want);
}

/** A router (or middleware) and where it is mounted. */
export interface Mount {
  path: string;
  router: RequestHandler;
}

export interface AppDeps {
  log: Logger;
  metrics: Metrics;
  /** Liveness (`/healthz`): answers without touching the store. */
  health: () => Health;
  /** Readiness (`/readyz`): store reachable, queue worker running; default always ready. */
  readiness?: () => Promise<Readiness>;
  mounts: Mount[];
  /** Express `trust proxy` setting (hops), so rate limits see the client's address behind a proxy. */
  trustProxy?: number | boolean;
  /** METRICS_TOKEN: when set, `/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/**
 * The HTTP app: health, metrics, then every mounted router (web API, agent API, webhooks, pages),
 * a JSON 404 and the one error handler. Routers own their body parsers and limits.
 */
export function createHttpApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send/res.json: API answers are no-store, so hashing every body buys nothing
  // (static files keep theirs: express.static makes its own).
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json(deps.health());
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = deps.readiness ? await deps.readiness() : { ok: true, checks: {} };
    res.setHeader('Cache-Control', 'no-store');
    res.status(readiness.ok ? 200 : 503).json(readiness);
  });
  // API answers carry personal data (messages, cases, evidence): no browser or proxy may keep them.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const metricsAllowed = deps.metricsToken ? tokenChecker(deps.metricsToken) : () => true;
  app.get('/metrics', async (req, res) => {
    if (!metricsAllowed(bearerToken(req.headers.authorization))) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return void sendError(res, 401, 'unauthorized', 'missing or invalid metrics token');
    }
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
