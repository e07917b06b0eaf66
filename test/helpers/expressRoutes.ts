import type { Express } from 'express';

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: unknown };
  rawPath?: unknown;
}

const joinPath = (prefix: string, path: string): string => {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
};

/**
 * Every route an express 5 app has registered, as `METHOD /path` (express syntax, `:id`), found
 * by walking the router stack: routes, and routers mounted with `app.use(path, router)`.
 * Plain middleware (body parsers, CORS, error handlers) is not a route.
 */
export function registeredRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: unknown, prefix: string): void => {
    if (!Array.isArray(stack)) throw new Error(`not a router stack under ${prefix || '/'}`);
    for (const layer of stack as LayerLike[]) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`a route under ${prefix} has a non-string path`);
          for (const [method, on] of Object.entries(layer.route.methods ?? {}))
            if (on && method !== '_all') found.add(`${method.toUpperCase()} ${joinPath(prefix, path)}`);
        }
      } else if (layer.handle?.stack) {
        if (typeof layer.rawPath !== 'string') throw new Error('cannot read a mounted router’s path');
        walk(layer.handle.stack, joinPath(prefix, layer.rawPath));
      }
    }
  };
  walk((app.router as unknown as { stack: unknown }).stack, '');
  return [...found].sort();
}
