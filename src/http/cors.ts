import type { RequestHandler } from 'express';

/**
 * CORS for the public web API: the widget runs on shops' own sites. Tokens travel in the
 * Authorization header (never cookies), so any origin may call; credentials are not allowed.
 */
export function publicCors(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, idempotency-key');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'X-Session-Token, Retry-After');
    res.setHeader('Access-Control-Max-Age', '600');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
