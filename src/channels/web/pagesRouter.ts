import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Response } from 'express';

const PAGE_CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/** Default location of the static pages and the built bundles. */
export const DEFAULT_PUBLIC_DIR = join(import.meta.dirname, '..', '..', '..', 'public');

/**
 * The pages: `/` (a demo shop with the widget), `/widget.js` (embeddable on any site), `/agent`
 * (agent console). Bundles come from `npm run build:web`.
 */
export function createPagesRouter(publicDir = DEFAULT_PUBLIC_DIR): Router {
  const router = Router();
  const sendFile = (res: Response, file: string, headers: Record<string, string>) => {
    const path = join(publicDir, file);
    if (!existsSync(path)) {
      res.status(500).type('text/plain').send(`${file} is missing: run npm run build:web`);
      return;
    }
    res.set(headers).sendFile(path);
  };
  router.get('/', (_req, res) => sendFile(res, 'index.html', { 'Content-Security-Policy': PAGE_CSP }));
  router.get('/agent', (_req, res) => sendFile(res, 'agent.html', { 'Content-Security-Policy': PAGE_CSP }));
  router.get('/widget.js', (_req, res) =>
    sendFile(res, 'build/widget.js', {
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
      'Content-Type': 'text/javascript; charset=utf-8',
    }),
  );
  router.get('/assets/console.js', (_req, res) =>
    sendFile(res, 'build/console.js', {
      'Cache-Control': 'no-cache',
      'Content-Type': 'text/javascript; charset=utf-8',
    }),
  );
  return router;
}
