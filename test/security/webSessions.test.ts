/**
 * Web session tokens (issue 10 item 7): an expiry inside the token, refreshed on use, rotation of
 * SESSION_SECRET, and the production rules of the configuration.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import { clockAt } from '../helpers/manualClock.js';
import { AGENT, makeKefu, startKefu, testConfig } from '../helpers/kefu.js';
import { openWebSession } from '../helpers/webClient.js';

const DAY = 86_400_000;
const OLD_SECRET = 'old-session-secret-0123456789abcdef';
const NEW_SECRET = 'new-session-secret-0123456789abcdef';

const newSession = openWebSession;
const say = (url: string, token: string, text = '投诉电话多少') =>
  fetch(`${url}/api/web/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });

describe('web session tokens expire, are refreshed on use, and survive a secret rotation', () => {
  it('an expired token gets 401; a token in use is renewed through X-Session-Token', async () => {
    let now = Date.now();
    const s = await startKefu({ clock: clockAt(() => new Date(now)) });
    try {
      const token = await newSession(s.url);
      const first = await say(s.url, token);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-session-token')).toBeNull(); // fresh: nothing to renew

      now += 2 * DAY;
      const used = await say(s.url, token);
      expect(used.status).toBe(200);
      const renewed = used.headers.get('x-session-token') ?? '';
      expect(renewed).toMatch(/^w_[\w-]+\.[\w-]+$/);
      expect(renewed.split('.')[0]).toBe(token.split('.')[0]); // same conversation
      expect(used.headers.get('access-control-expose-headers')).toMatch(/x-session-token/i);

      now += 29 * DAY; // 31 days after the first token, 29 after the renewed one
      expect((await say(s.url, token)).status).toBe(401);
      expect(
        (await fetch(`${s.url}/api/web/cases`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401);
      expect((await fetch(`${s.url}/api/web/events?token=${token}`)).status).toBe(401);
      expect((await say(s.url, renewed)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('SESSION_TTL_DAYS sets the lifetime, and lowering it shortens tokens already issued', async () => {
    let now = Date.now();
    const store = createMemoryStore();
    const long = await startKefu({
      store,
      clock: clockAt(() => new Date(now)),
      config: testConfig({ SESSION_SECRET: NEW_SECRET }),
    });
    const short = await startKefu({
      store,
      clock: clockAt(() => new Date(now)),
      config: testConfig({ SESSION_SECRET: NEW_SECRET, SESSION_TTL_DAYS: '1' }),
    });
    try {
      const token = await newSession(long.url);
      expect((await say(short.url, token)).status).toBe(401);
      const daily = await newSession(short.url);
      now += DAY / 2;
      expect((await say(short.url, daily)).status).toBe(200);
      now += DAY;
      expect((await say(short.url, daily)).status).toBe(401);
    } finally {
      await short.stop();
      await long.stop();
      await store.close();
    }
  });

  it('a token signed with SESSION_SECRET_PREVIOUS still works and is re-signed with the new secret', async () => {
    const store = createMemoryStore();
    const before = await startKefu({ store, config: testConfig({ SESSION_SECRET: OLD_SECRET }) });
    const rotating = await startKefu({
      store,
      config: testConfig({ SESSION_SECRET: NEW_SECRET, SESSION_SECRET_PREVIOUS: OLD_SECRET }),
    });
    const after = await startKefu({ store, config: testConfig({ SESSION_SECRET: NEW_SECRET }) });
    try {
      const old = await newSession(before.url);
      expect((await say(after.url, old)).status).toBe(401); // the new secret alone does not know it
      const res = await say(rotating.url, old);
      expect(res.status).toBe(200);
      const resigned = res.headers.get('x-session-token') ?? '';
      expect(resigned).not.toBe('');
      expect((await say(after.url, resigned)).status).toBe(200);
      // The previous secret verifies only: tokens issued during the rotation use the new one.
      expect((await say(after.url, await newSession(rotating.url))).status).toBe(200);
    } finally {
      await Promise.all([before.stop(), rotating.stop(), after.stop()]);
      await store.close();
    }
  });

  it('a forged or tampered token is refused', async () => {
    const s = await startKefu({ config: testConfig({ SESSION_SECRET: NEW_SECRET }) });
    try {
      const token = await newSession(s.url);
      const [user, rest = ''] = token.split('.');
      const [, mac] = rest.split(/-(.*)/s);
      const farFuture = (Math.floor(Date.now() / 1000) + 3650 * 86_400).toString(36);
      for (const forged of [
        `${user}.${farFuture}-${mac}`,
        `w_someoneelse.${rest}`,
        // One character of the MAC changed (never to the character it already is).
        `${user}.${rest.slice(0, -1)}${rest.endsWith('A') ? 'B' : 'A'}`,
      ])
        expect((await say(s.url, forged)).status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});

describe('production configuration', () => {
  const production = {
    NODE_ENV: 'production',
    AGENT_TOKENS: `${AGENT.name}:${AGENT.token}`,
    SESSION_SECRET: NEW_SECRET,
  };

  it('requires SESSION_SECRET, refuses LOG_UNREDACTED, and a previous secret needs a current one', () => {
    expect(() => loadConfig({ ...production, SESSION_SECRET: '' })).toThrow(
      /^invalid SESSION_SECRET: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...production, LOG_UNREDACTED: '1' })).toThrow(/^invalid LOG_UNREDACTED/);
    expect(() => loadConfig({ SESSION_SECRET_PREVIOUS: OLD_SECRET })).toThrow(
      /^invalid SESSION_SECRET_PREVIOUS/,
    );
    expect(() => loadConfig({ SESSION_SECRET_PREVIOUS: 'short' })).toThrow(
      /^invalid SESSION_SECRET_PREVIOUS/,
    );
    expect(() => loadConfig({ SESSION_TTL_DAYS: '0' })).toThrow(/^invalid SESSION_TTL_DAYS/);
    expect(loadConfig(production)).toMatchObject({
      production: true,
      sessionTtlDays: 30,
      logUnredacted: false,
    });
    expect(loadConfig({ LOG_UNREDACTED: '1' }).logUnredacted).toBe(true); // fine on a developer's machine
  });

  it('warns loudly when production runs on the in-memory store', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const kefu = await makeKefu({ config: loadConfig(production), log: pino({ level: 'info' }, sink) });
    await kefu.close();
    const warning = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => /IN-MEMORY/.test(l.msg));
    expect(warning?.level).toBeGreaterThanOrEqual(50); // error level: it shows in any log filter
    const quiet: string[] = [];
    const dev = await makeKefu({
      log: pino(
        { level: 'info' },
        new Writable({ write: (c: Buffer, _e, d) => (quiet.push(c.toString()), d()) }),
      ),
    });
    await dev.close();
    expect(quiet.join('')).not.toMatch(/IN-MEMORY/);
  });
});
