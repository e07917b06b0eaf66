import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/types.js';
import { TO_SUMMARY } from '../helpers/complaint.js';
import { startKefu } from '../helpers/kefu.js';

const CASE_ID = /KF\d{8}-[0-9A-Z]{4}/;

type Replies = { replies: { text: string }[] };
let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.map((s) => s()));
  stops = [];
});

async function web(store: Store = createMemoryStore()) {
  const { url, kefu, stop } = await startKefu({ store });
  stops.push(stop);
  const { token } = (await (
    await fetch(`${url}/api/web/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
  ).json()) as { token: string };
  const userId = token.slice(0, token.indexOf('.'));
  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/web/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
  const turns = async () =>
    ((await kefu.store.conversations.load(`web:${userId}`)) as { turns: number }).turns;
  return { url, kefu, token, userId, send, turns };
}

describe('idempotent turns on POST /api/web/messages', () => {
  it('two copies of one message at once run one turn and get identical replies (body key and header key)', async () => {
    const { send, turns } = await web();
    const before = await turns();
    const [a, b] = await Promise.all([
      send({ text: '投诉电话收费吗', clientMessageId: 'msg-0001-abcdef' }),
      send({ text: '投诉电话收费吗' }, { 'idempotency-key': 'msg-0001-abcdef' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as [Replies, Replies];
    expect(ja.replies[0]?.text).toContain('免费');
    expect(jb).toEqual(ja);
    expect(await turns()).toBe(before + 1);
    // A later retry still gets the first answer; a new key runs a new turn.
    expect(await (await send({ text: '投诉电话收费吗', clientMessageId: 'msg-0001-abcdef' })).json()).toEqual(
      ja,
    );
    expect(await turns()).toBe(before + 1);
    await send({ text: '投诉电话收费吗', clientMessageId: 'msg-0002-abcdef' });
    expect(await turns()).toBe(before + 2);
  });

  it('without a key every POST is a turn (as before)', async () => {
    const { send, turns } = await web();
    const before = await turns();
    await Promise.all([send({ text: '你好' }), send({ text: '你好' })]);
    expect(await turns()).toBe(before + 2);
  });

  it('refuses a malformed key, two different keys, and a key reused for another text', async () => {
    const { send } = await web();
    expect((await send({ text: 'hi', clientMessageId: 'short' })).status).toBe(400);
    expect((await send({ text: 'hi' }, { 'idempotency-key': 'bad key with spaces' })).status).toBe(400);
    expect(
      (await send({ text: 'hi', clientMessageId: 'key-aaaa-0001' }, { 'idempotency-key': 'key-bbbb-0002' }))
        .status,
    ).toBe(400);
    expect((await send({ text: '你好', clientMessageId: 'key-cccc-0003' })).status).toBe(200);
    const reused = await send({ text: '投诉电话收费吗', clientMessageId: 'key-cccc-0003' });
    expect(reused.status).toBe(409);
  });

  it('keys are per session: another user with the same key gets their own turn', async () => {
    const store = createMemoryStore();
    const one = await web(store);
    const two = await web(store);
    const a = (await (await one.send({ text: '你好', clientMessageId: 'same-key-0001' })).json()) as Replies;
    const b = (await (
      await two.send({ text: '投诉电话收费吗', clientMessageId: 'same-key-0001' })
    ).json()) as Replies;
    expect(a.replies[0]?.text).not.toEqual(b.replies[0]?.text);
    expect(b.replies[0]?.text).toContain('免费');
  });
});

describe('confirm files one case per intake', () => {
  it('a crash between the case write and the state save: the retry answers with the same case, no second case', async () => {
    const store = createMemoryStore();
    const { send, kefu, userId } = await web(store);
    for (const [i, text] of TO_SUMMARY.entries()) await send({ text, clientMessageId: `step-${i}-xxxxxx` });
    // The state save after the case write fails once, as if the process died right there.
    const save = store.conversations.save.bind(store.conversations);
    let failNext = true;
    store.conversations.save = async (...args) => {
      if (failNext && (await store.cases.listByUser('web', userId)).length > 0) {
        failNext = false;
        throw new Error('simulated crash after the case write');
      }
      return save(...args);
    };
    const first = await send({ text: '确认提交', clientMessageId: 'confirm-0001' });
    expect(first.status).toBe(500);
    const [written] = await kefu.store.cases.listByUser('web', userId);
    expect(written?.id).toMatch(CASE_ID);
    const retry = (await (
      await send({ text: '确认提交', clientMessageId: 'confirm-0001' })
    ).json()) as Replies;
    expect(retry.replies[0]?.text).toContain(`工单号 ${written?.id}`);
    // The user gives up on the key and types it again: still the same case.
    const again = (await (await send({ text: '确认', clientMessageId: 'confirm-0002' })).json()) as Replies;
    expect(again.replies[0]?.text).toContain(`工单号 ${written?.id}`);
    expect(await kefu.store.cases.listByUser('web', userId)).toHaveLength(1);
  });

  it('five concurrent confirms with different keys: one case, every answer names it', async () => {
    const { send, kefu, userId } = await web();
    for (const text of TO_SUMMARY) await send({ text });
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(
        async (i) =>
          (await (await send({ text: '确认提交', clientMessageId: `confirm-many-${i}` })).json()) as Replies,
      ),
    );
    const cases = await kefu.store.cases.listByUser('web', userId);
    expect(cases).toHaveLength(1);
    for (const a of answers) expect(a.replies[0]?.text).toContain(cases[0]?.id);
  });

  it('after the repeat window ends (another message), 确认 is an ordinary message again', async () => {
    const { send } = await web();
    for (const text of TO_SUMMARY) await send({ text });
    await send({ text: '确认提交' });
    await send({ text: '投诉电话收费吗' });
    const later = (await (await send({ text: '确认' })).json()) as Replies;
    expect(later.replies[0]?.text ?? '').not.toMatch(CASE_ID);
  });
});
