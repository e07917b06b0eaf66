/**
 * vitest global setup: find a Redis for the Redis suites. REDIS_URL if set, else
 * 127.0.0.1:6379 if it answers, else a private redis-server on a free port (stopped after).
 * Without any, the Redis suites are reported loudly as NOT run — and under CI=true that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redisCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** `host:port,…` of a three-node Redis Cluster started for the tests ('' when none). */
    redisClusterNodes: string;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.quit();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

let privateServer: ChildProcess | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  let url = process.env.REDIS_URL ?? '';
  if (url && !(await answers(url))) throw new Error(`REDIS_URL=${url} does not answer PING`);
  if (!url && (await answers('redis://127.0.0.1:6379'))) url = 'redis://127.0.0.1:6379';
  if (!url && spawnSync('redis-server', ['--version']).status === 0) {
    const port = await freePort();
    privateServer = spawn(
      'redis-server',
      ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
      { stdio: 'ignore' },
    );
    const candidate = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && !(await answers(candidate)); i++) await new Promise((r) => setTimeout(r, 100));
    if (await answers(candidate)) url = candidate;
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
  return () => {
    privateServer?.kill();
    cluster?.stop();
  };
}
