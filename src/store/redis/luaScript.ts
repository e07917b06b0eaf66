import { createHash } from 'node:crypto';
import type { RedisClient } from './redisClient.js';

/**
 * A Lua script run with EVALSHA (Redis keeps the compiled script; only its 40-byte digest
 * travels), falling back to EVAL once when the server does not know it yet (a restart, a new
 * cluster node), which also loads it there.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
