import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * Environment variables for running on more than one core or one Redis (WORKERS,
 * REDIS_CLUSTER_NODES) and for bounding the embedded store (MEMORY_STORE_MAX_KEYS).
 */
export const ScaleEnvSchema = {
  /** Worker processes sharing the port (node:cluster): a number, or `auto` for one per core. */
  WORKERS: z
    .string()
    .default('1')
    .transform((v, ctx) => {
      const t = v.trim().toLowerCase();
      if (t === 'auto') return availableParallelism();
      const n = Number(t);
      if (!Number.isInteger(n) || n < 1 || n > 256) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 256, or auto' });
        return z.NEVER;
      }
      return n;
    }),
  /** Redis Cluster seed nodes, `host:port,host:port` (any of the cluster's nodes; more is safer). */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const nodes = v.split(',').map((n) => n.trim().replace(/^rediss?:\/\//, ''));
      if (nodes.some((n) => !/^[\w.-]+:\d{1,5}$/.test(n))) {
        ctx.addIssue({ code: 'custom', message: 'expected host:port pairs separated by commas' });
        return z.NEVER;
      }
      const tls = v.trim().startsWith('rediss://');
      return nodes.map((n) => `${tls ? 'rediss' : 'redis'}://${n}`);
    }),
  /** Keys the in-memory store keeps at most (those with an expiry are dropped oldest first beyond it). */
  MEMORY_STORE_MAX_KEYS: z.coerce.number().int().min(100).default(100_000),
};

/** The parsed scale settings. */
export interface ScaleConfig {
  /** Worker processes (1 = no cluster). */
  workers: number;
  /** Redis Cluster seed node URLs; set → the cluster client instead of REDIS_URL. */
  redisClusterNodes?: string[];
  memoryStoreMaxKeys: number;
}

/** Checks the combination; returns a one-line error naming the variable, or the settings. */
export function toScaleConfig(e: {
  WORKERS: number;
  REDIS_CLUSTER_NODES?: string[];
  MEMORY_STORE_MAX_KEYS: number;
  REDIS_URL?: string;
}): { ok: true; scale: ScaleConfig } | { ok: false; error: string } {
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES)
    return { ok: false, error: 'invalid REDIS_CLUSTER_NODES: set it or REDIS_URL, not both' };
  if (e.WORKERS > 1 && !e.REDIS_URL && !e.REDIS_CLUSTER_NODES)
    return {
      ok: false,
      error: `invalid WORKERS: ${e.WORKERS} workers need a shared store (REDIS_URL or REDIS_CLUSTER_NODES); the embedded in-memory store lives in one process, so run WORKERS=1 without Redis`,
    };
  return {
    ok: true,
    scale: {
      workers: e.WORKERS,
      redisClusterNodes: e.REDIS_CLUSTER_NODES,
      memoryStoreMaxKeys: e.MEMORY_STORE_MAX_KEYS,
    },
  };
}
