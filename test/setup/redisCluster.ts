/**
 * A throwaway three-node Redis Cluster for the tests: three `redis-server --cluster-enabled yes`
 * on free ports (in a temporary directory), joined by `redis-cli --cluster create`, stopped and
 * removed after. Returns undefined when redis-server or redis-cli is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../helpers/privateRedis.js';

async function clusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    // The cluster bus listens on port + 10000: both must fit and be free.
    if (port + 10000 <= 65535) return port;
  }
}

const cli = (args: string[]) => spawnSync('redis-cli', args, { encoding: 'utf8', timeout: 30_000 });

export async function startRedisCluster(): Promise<{ nodes: string[]; stop: () => void } | undefined> {
  if (spawnSync('redis-server', ['--version']).status !== 0 || cli(['--version']).status !== 0)
    return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-cluster-'));
  const ports = [await clusterPort(), await clusterPort(), await clusterPort()];
  const servers: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '5000',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = () => {
    for (const s of servers) s.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      for (let i = 0; i < 50 && cli(['-p', String(port), 'ping']).stdout.trim() !== 'PONG'; i++)
        await sleep(100);
    }
    const created = cli([
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (const port of ports) {
      for (let i = 0; i < 100; i++) {
        if (cli(['-p', String(port), 'cluster', 'info']).stdout.includes('cluster_state:ok')) break;
        await sleep(100);
      }
    }
    return { nodes: ports.map((p) => `127.0.0.1:${p}`), stop };
  } catch (err) {
    stop();
    throw err;
  }
}
