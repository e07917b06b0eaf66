import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.js';
import { AgentDesk } from '../../src/handoff/agentDesk.js';
import type { Kefu } from '../../src/kefu.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import type { CaseStore, Store } from '../../src/store/types.js';
import { AGENT, AGENT2, makeKefu } from '../helpers/kefu.js';
import { ManualClock } from '../helpers/manualClock.js';
import { NO_OPEN_CASE_MS } from '../../src/engine/ownershipCheck.js';
import { sampleCase } from '../store/caseContract.js';

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

  it('a user with no open case is not looked up on every turn; filing a case and resolving it bring the look-up back', async () => {
    store = createMemoryStore();
    const cases = store.cases;
    const findOpen = cases.findOpen.bind(cases);
    let lookups = 0;
    cases.findOpen = (channel, userId) => {
      lookups++;
      return findOpen(channel, userId);
    };
    kefu = await makeKefu({ store });
    const user = 'owner-cheap';
    await say(kefu, user, '投诉电话多少');
    await say(kefu, user, '收费吗');
    await say(kefu, user, '几点上班');
    expect(lookups).toBe(1);
    const caseId = (await say(kefu, user, '转人工')).caseId!;
    expect(lookups).toBe(1); // the turn that files the case was answered by the bot
    await kefu.agentDesk.claim(caseId, AGENT.name);
    expect((await say(kefu, user, '你好，在吗')).replies).toEqual([]); // relayed: looked up again
    expect(lookups).toBe(2);
    await kefu.agentDesk.resolve(caseId, AGENT.name, '已处理');
    expect((await say(kefu, user, '投诉电话多少')).replies[0]?.text).toContain('400-860-8608');
    expect((await say(kefu, user, '收费吗')).replies[0]?.text).toContain('免费');
    expect(lookups).toBe(3); // the first bot turn after resolving found nothing open; the next asked nobody
  });

  it('a case written by a turn whose state was never saved (a crash) reaches its agent within the re-check window', async () => {
    store = createMemoryStore();
    const clock = new ManualClock();
    kefu = await makeKefu({ store, clock });
    const user = 'owner-window';
    await say(kefu, user, '投诉电话多少'); // no open case: the bot may answer without asking for a while
    const lost = sampleCase({ userId: user, createdAt: clock.now().toISOString() });
    await store.cases.create(lost);
    await store.cases.update(
      lost.id,
      () => true,
      (c) => ({ ...c, status: 'assigned', assignee: AGENT.name, claimedAt: clock.now().toISOString() }),
    );
    await clock.advance(NO_OPEN_CASE_MS + 1000);
    expect((await say(kefu, user, '有人吗')).replies).toEqual([]);
    expect((await store.cases.get(lost.id))?.transcript.at(-1)?.text).toBe('有人吗');
  });
});
