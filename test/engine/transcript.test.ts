import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, createRedisStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/types.js';
import { RECENT_LIMIT } from '../../src/engine/state.js';
import { startKefu } from '../helpers/kefu.js';
import { deletePrefix, redisUrlForTests, uniquePrefix } from '../helpers/redis.js';
import { webUser } from '../helpers/webClient.js';

const CASE_ID = /KF\d{8}-[0-9A-Z]{4}/;
const redisUrl = redisUrlForTests();

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function started(store: Store) {
  const server = await startKefu({ store });
  stops.push(server.stop);
  const user = await webUser(server.url);
  const userId = user.token.slice(0, user.token.indexOf('.'));
  return { ...server, user, conversation: `web:${userId}` };
}

const stores: Array<[string, () => Promise<Store>]> = [
  ['memory', () => Promise.resolve(createMemoryStore())],
  ...(redisUrl
    ? ([
        [
          'redis',
          async () => {
            const prefix = uniquePrefix();
            const store = await createRedisStore({ redisUrl, keyPrefix: prefix });
            stops.push(async () => {
              await store.close();
              await deletePrefix(redisUrl, prefix);
            });
            return store;
          },
        ],
      ] as Array<[string, () => Promise<Store>]>)
    : []),
];

describe.each(stores)('the transcript beside the state (%s)', (_name, makeStore) => {
  it('a hand-over after a long chat carries the last messages; the state itself holds none', async () => {
    const { kefu, user, conversation } = await started(await makeStore());
    for (let i = 0; i < 20; i++) await user.say(i % 2 ? '投诉电话收费吗' : `第${i}个问题：热线几点上班`);
    const reply = await user.say('转人工');
    const caseId = CASE_ID.exec(reply)?.[0] ?? '';
    const c = await kefu.store.cases.get(caseId);
    expect(c?.transcript).toHaveLength(RECENT_LIMIT);
    // Oldest first, ending with the message that asked for a person (its reply comes after the case).
    expect(c?.transcript.at(-1)).toMatchObject({ from: 'user', text: '转人工' });
    expect(c?.transcript.at(-2)?.from).toBe('bot');
    expect(c?.transcript.some((t) => t.text.includes('第18个问题'))).toBe(true);
    expect(c?.transcript.some((t) => t.text.includes('第4个问题'))).toBe(false);
    const state = JSON.stringify(await kefu.store.conversations.load(conversation));
    expect(state).not.toContain('热线几点上班');
    expect(state).not.toContain('recent');
    // The list keeps the last RECENT_LIMIT, the case's reply included.
    const kept = await kefu.store.conversations.transcript(conversation);
    expect(kept).toHaveLength(RECENT_LIMIT);
    expect(kept.at(-1)).toMatchObject({ from: 'bot', text: expect.stringContaining(caseId) as string });
  });

  it('a state saved before version 3 hands its messages to the transcript on the next turn', async () => {
    const store = await makeStore();
    const { kefu, user, conversation } = await started(store);
    const at = new Date().toISOString();
    // As an older kefu left it: the messages in the state, no transcript list.
    await store.conversations.delete(conversation);
    await store.conversations.save(
      conversation,
      {
        version: 2,
        locale: 'zh-CN',
        intake: null,
        misses: 0,
        recent: [
          { from: 'user', text: '旧版本里说的第一句', at },
          { from: 'bot', text: '旧版本的回答', at },
        ],
        turns: 1,
        createdAt: at,
        updatedAt: at,
      },
      3600,
    );
    const reply = await user.say('我要人工客服');
    const c = await kefu.store.cases.get(CASE_ID.exec(reply)?.[0] ?? '');
    expect(c?.transcript.map((t) => t.text)).toEqual(['旧版本里说的第一句', '旧版本的回答', '我要人工客服']);
    const saved = (await kefu.store.conversations.load(conversation)) as Record<string, unknown>;
    expect(saved.version).toBe(3);
    expect(saved).not.toHaveProperty('recent');
    expect(saved.turns).toBe(2);
    // The next turn does not move them again.
    await user.say('投诉电话收费吗');
    const texts = (await kefu.store.conversations.transcript(conversation)).map((e) => (e as { text: string }).text);
    expect(texts.filter((t) => t === '旧版本里说的第一句')).toHaveLength(1);
    expect(texts.slice(0, 3)).toEqual(['旧版本里说的第一句', '旧版本的回答', '我要人工客服']);
    expect(texts).toHaveLength(6);
  });

  it('a retried message (same idempotency key) gets the stored answer and adds nothing to the transcript', async () => {
    const { kefu, url, user, conversation } = await started(await makeStore());
    const send = () =>
      fetch(`${url}/api/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ text: '转人工', clientMessageId: 'handover-retry-0001' }),
      }).then((r) => r.json() as Promise<{ replies: { text: string }[] }>);
    const first = await send();
    const length = (await kefu.store.conversations.transcript(conversation)).length;
    expect(await send()).toEqual(first);
    expect(await kefu.store.conversations.transcript(conversation)).toHaveLength(length);
  });
});
