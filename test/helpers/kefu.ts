import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { createKefu, type Kefu, type KefuOptions } from '../../src/kefu.js';
import { createMemoryStore } from '../../src/store/createStore.js';

/** A fixed agent token tests use. */
export const AGENT = { name: 'wang', token: 'test-agent-token-wang-0001' };
export const AGENT2 = { name: 'li', token: 'test-agent-token-li-000002' };

/** Config for tests: no Redis from the environment, two known agents, optional overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    AGENT_TOKENS: `${AGENT.name}:${AGENT.token},${AGENT2.name}:${AGENT2.token}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** A kefu on the memory store (unless given one), not listening. */
export async function makeKefu(options: Partial<KefuOptions> = {}): Promise<Kefu> {
  return createKefu({
    config: testConfig(),
    log: pino({ level: 'silent' }),
    store: options.store ?? createMemoryStore(),
    ...options,
  });
}

/** A kefu listening on an ephemeral port. */
export async function startKefu(
  options: Partial<KefuOptions> = {},
): Promise<{ kefu: Kefu; url: string; stop: () => Promise<void> }> {
  const kefu = await makeKefu(options);
  const server = kefu.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    kefu,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await kefu.close();
    },
  };
}
