import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadSlackDesk } from '../../src/slackDesk/loadSlackDesk.js';
import { startKefu, testConfig } from '../helpers/kefu.js';
import { slackEnv } from './slackKit.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SLACK_VARS = slackEnv('http://127.0.0.1:9');

/** Builds kefu in a fresh process and reports which Botkit/Slack modules it loaded. */
async function loadedInChild(env: Record<string, string>): Promise<{ slackDesk: boolean; loaded: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/slack/loadedModules.ts'],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { slackDesk: boolean; loaded: number };
}

describe('the Slack agent desk is optional', () => {
  it('without SLACK_* the loader is never called and /slack/events does not exist', async () => {
    const loader = vi.fn(loadSlackDesk);
    const server = await startKefu({ config: testConfig(), slackDeskLoader: loader });
    try {
      expect(loader).not.toHaveBeenCalled();
      expect(server.kefu.slackDesk).toBeUndefined();
      expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('with SLACK_* the loader runs once and mounts /slack/events', async () => {
    const loader = vi.fn(loadSlackDesk);
    const consoleSpies = (['log', 'warn', 'error'] as const).map((m) => vi.spyOn(console, m));
    const server = await startKefu({ config: testConfig(SLACK_VARS), slackDeskLoader: loader });
    try {
      expect(loader).toHaveBeenCalledTimes(1);
      // The adapter's constructor warnings went to the (silent) log, not the console.
      for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
      expect(server.kefu.slackDesk?.mountPath).toBe('/slack/events');
      expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
      await server.stop();
    }
  });

  it('a process without SLACK_* loads no module of Botkit, botbuilder or the Slack SDK', async () => {
    const without = await loadedInChild({});
    expect(without).toEqual({ slackDesk: false, loaded: 0, sample: [] });
    // The same probe sees them when Slack is configured (so it would catch a static import).
    const withSlack = await loadedInChild(SLACK_VARS);
    expect(withSlack.slackDesk).toBe(true);
    expect(withSlack.loaded).toBeGreaterThan(50);
  }, 120_000);

  it('refuses a half-configured Slack desk, naming the missing variable', () => {
    const { SLACK_AGENTS_CHANNEL: _channel, ...rest } = SLACK_VARS;
    expect(() => loadConfig(rest)).toThrow(/invalid SLACK_AGENTS_CHANNEL: required/);
    expect(() => loadConfig({ ...SLACK_VARS, SLACK_AGENTS: 'wang' })).toThrow(/invalid SLACK_AGENTS/);
    expect(() => loadConfig({ ...SLACK_VARS, SLACK_AGENTS_CHANNEL: '#agents' })).toThrow(
      /SLACK_AGENTS_CHANNEL/,
    );
    expect(loadConfig(SLACK_VARS).slack?.agents.get('U0WANG0001')).toBe('wang');
  });
});
