import type { Request } from 'express';

/** The bearer token of an Authorization header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** A `?token=` query parameter: for EventSource and <img>, which cannot set headers. */
export function queryToken(req: Request): string | undefined {
  return typeof req.query.token === 'string' ? req.query.token : undefined;
}
