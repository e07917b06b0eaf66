/**
 * vitest global setup: find a Redis for the Redis suites. REDIS_URL if set, else
 * 127.0.0.1:6379 if it answers, else a private redis-server on a free port (stopped after).
 * Without any, the Redis suites are reported loudly as NOT run — and under CI=true that fails.
 */
import { hasRedisServer, PrivateRedis, redisAnswers } from '../helpers/privateRedis.js';
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redisCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** `host:port,…` of a three-node Redis Cluster started for the tests ('' when none). */
    redisClusterNodes: string;
  }
}

let privateServer: PrivateRedis | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.REDIS_URL ?? '';
  if (url && !(await redisAnswers(url, 1000))) throw new Error(`REDIS_URL=${url} does not answer PING`);
  if (!url && (await redisAnswers('redis://127.0.0.1:6379', 1000))) url = 'redis://127.0.0.1:6379';
  if (!url && hasRedisServer) {
    privateServer = await PrivateRedis.start().catch(() => undefined);
    if (privateServer) url = privateServer.url;
  }
  if (!url) {
    const message =
      '\n\n  ********************************************************************\n  *  NO REDIS: the Redis test suites are NOT RUN.                     *\n  *  Set REDIS_URL, run redis on 127.0.0.1:6379, or install redis.    *\n  ********************************************************************\n';
    console.warn(message);
    if (process.env.CI === 'true')
      throw new Error('CI=true and no Redis available: refusing to pass without the Redis suites');
  }
  process.env.KEFU_TEST_REDIS_URL = url;
  project.provide('redisUrl', url);
  const cluster = await startRedisCluster();
  if (!cluster && process.env.CI === 'true')
    throw new Error(
      'CI=true and no redis-server/redis-cli to start a Redis Cluster: refusing to pass without the cluster suites',
    );
  project.provide('redisClusterNodes', cluster?.nodes.join(',') ?? '');
  return async () => {
    await privateServer?.stop('SIGTERM');
    cluster?.stop();
  };
}
