import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startKefu } from '../helpers/kefu.js';
import { TINY_PNG } from '../browser/browser.js';

let url: string;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ url, stop } = await startKefu());
});
afterAll(async () => stop());

const session = async () =>
  (
    (await (
      await fetch(`${url}/api/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { token: string }
  ).token;
const upload = (token: string, body: Buffer, type = 'image/png') =>
  fetch(`${url}/api/web/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(body),
  });

describe('evidence uploads', () => {
  it('stores an image for its owner and agents only', async () => {
    const token = await session();
    const res = await upload(token, TINY_PNG);
    expect(res.status).toBe(201);
    const { url: path } = (await res.json()) as { url: string };
    expect(path).toMatch(/^\/api\/web\/uploads\/[\w-]+$/);
    const mine = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    expect(
      (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${AGENT.token}` } })).status,
    ).toBe(200);
    expect((await fetch(`${url}${path}?token=${AGENT.token}`)).status).toBe(401); // never in a URL
    expect(
      (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await session()}` } })).status,
    ).toBe(404);
    expect((await fetch(`${url}${path}`)).status).toBe(401);
  });

  it('refuses wrong types (415), a body that is not what it claims (415), oversize files (413), no token (401)', async () => {
    const token = await session();
    expect((await upload(token, Buffer.from('%PDF-1.4'), 'application/pdf')).status).toBe(415);
    expect((await upload(token, Buffer.from('<svg onload=alert(1)>'), 'image/png')).status).toBe(415);
    expect((await upload(token, Buffer.concat([TINY_PNG, Buffer.alloc(2 * 1024 * 1024)]))).status).toBe(413);
    expect(
      (
        await fetch(`${url}/api/web/uploads`, {
          method: 'POST',
          headers: { 'content-type': 'image/png' },
          body: new Uint8Array(TINY_PNG),
        })
      ).status,
    ).toBe(401);
  });

  it('rate-limits uploads per session', async () => {
    const token = await session();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await upload(token, TINY_PNG)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
