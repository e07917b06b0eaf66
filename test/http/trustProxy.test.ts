import { describe, expect, it } from 'vitest';
import { startKefu, testConfig } from '../helpers/kefu.js';

async function tokens(url: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    out.push(((await res.json()) as { token: string }).token);
  }
  return out;
}
const say = (url: string, token: string, ip: string) =>
  fetch(`${url}/api/web/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': ip },
    body: JSON.stringify({ text: '你好' }),
  });

describe('per-address limits behind a proxy (TRUST_PROXY)', () => {
  for (const trust of ['1', '0']) {
    it(`TRUST_PROXY=${trust}: ${trust === '1' ? 'each client address has its own limit' : 'forwarded addresses are ignored'}`, async () => {
      const s = await startKefu({
        config: testConfig({ WEB_RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: trust }),
      });
      const t = await tokens(s.url, 12);
      const statuses: number[] = [];
      for (const token of t.slice(0, 11)) statuses.push((await say(s.url, token, '203.0.113.7')).status);
      expect(statuses.slice(0, 10).every((x) => x === 200)).toBe(true);
      expect(statuses[10]).toBe(429); // 10 messages a minute per address
      expect((await say(s.url, t[11]!, '198.51.100.9')).status).toBe(trust === '1' ? 200 : 429);
      await s.stop();
    });
  }
});
