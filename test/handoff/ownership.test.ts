import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.js';
import { AgentDesk } from '../../src/handoff/agentDesk.js';
import type { Kefu } from '../../src/kefu.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import type { CaseStore, Store } from '../../src/store/types.js';
import { AGENT, AGENT2, makeKefu } from '../helpers/kefu.js';

let kefu: Kefu | undefined;
let store: Store | undefined;
afterEach(async () => {
  await kefu?.close();
  await store?.close();
  kefu = undefined;
  store = undefined;
});

const say = (k: Kefu, userId: string, text: string) =>
  k.runTurn({ channel: 'web', userId, kind: 'text', text });

describe('who answers a conversation follows its case (one source of truth)', () => {
  it('a case assigned by a write that nothing followed (a crash after it) silences the bot; resolving it brings the bot back', async () => {
    store = createMemoryStore();
    kefu = await makeKefu({ store });
    const user = 'owner-crash';
    const caseId = (await say(kefu, user, '转人工')).caseId!;
    // Only the case changes, as if the process died right after writing it.
    const at = new Date().toISOString();
    await store.cases.update(
      caseId,
      (c) => c.status === 'queued',
      (c) => ({ ...c, status: 'assigned', assignee: AGENT.name, claimedAt: at }),
    );
    const relayed = await say(kefu, user, '我的快递还没到');
    expect(relayed.replies).toEqual([]);
    expect((await store.cases.get(caseId))?.transcript.at(-1)?.text).toBe('我的快递还没到');
    await store.cases.update(
      caseId,
      () => true,
      (c) => ({ ...c, status: 'resolved' }),
    );
    expect((await say(kefu, user, '投诉电话多少')).replies[0]?.text).toContain('400-860-8608');
  });

  it('an agent’s message is recorded only while that agent still holds the case', async () => {
    store = createMemoryStore();
    kefu = await makeKefu({ store });
    const caseId = (await say(kefu, 'owner-race', '转人工')).caseId!;
    await kefu.agentDesk.claim(caseId, AGENT.name);
    const inner = store.cases;
    let takenOver = false;
    // The case is taken over by another agent between the desk's check and its write.
    const racing: CaseStore = {
      ...inner,
      get: (id) => inner.get(id),
      listByUser: (ch, u) => inner.listByUser(ch, u),
      listByStatus: (s) => inner.listByStatus(s),
      create: (c) => inner.create(c),
      update: async (id, expect, change) => {
        if (!takenOver) {
          takenOver = true;
          await inner.update(
            id,
            () => true,
            (c: Case) => ({ ...c, assignee: AGENT2.name }),
          );
        }
        return inner.update(id, expect, change);
      },
    };
    const delivered: unknown[] = [];
    const desk = new AgentDesk({
      cases: racing,
      pubsub: store.pubsub,
      dispatcher: { deliver: (_to, m) => Promise.resolve(void delivered.push(m)).then(() => ({ ok: true })) },
      timeZone: 'Asia/Shanghai',
    });
    await expect(desk.message(caseId, AGENT.name, '我来处理')).rejects.toThrow(/no longer assigned/);
    const c = await inner.get(caseId);
    expect(c?.transcript.some((t) => t.from === 'agent')).toBe(false);
    expect(c?.events.some((e) => e.type === 'agent_message')).toBe(false);
    expect(delivered).toEqual([]);
  });
});
