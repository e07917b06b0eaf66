import { expect } from 'vitest';
import type { Reply } from '../../src/domain/message.js';
import { parseConversationState } from '../../src/engine/state.js';
import type { Kefu } from '../../src/kefu.js';
import type { Store } from '../../src/store/types.js';
import { makeKefu, AGENT } from '../helpers/kefu.js';
import { clockAt } from '../helpers/manualClock.js';
import type { Scenario, Step } from './scenario.js';

const DEFAULT_NOW = '2026-11-25T10:00:00+08:00';

function check(texts: string, patterns: readonly string[] | undefined, negate = false, where = ''): void {
  for (const p of patterns ?? []) {
    const found = new RegExp(p).test(texts);
    expect(found, `${where}: ${negate ? 'did not expect' : 'expected'} /${p}/ in:\n${texts}`).toBe(!negate);
  }
}

/** Plays a scenario against kefu on `store`; every check is an expect. */
export async function runScenario(scenario: Scenario, store: Store): Promise<void> {
  const clock = clockAt(() => new Date(scenario.now ?? DEFAULT_NOW));
  const userId = `u_${Math.random().toString(36).slice(2, 10)}`;
  let kefu: Kefu = await makeKefu({ store, clock });
  const pushed: string[] = [];
  const unsubscribe = await store.pubsub.subscribe(`web:${userId}`, (m) => pushed.push(m));
  let caseId: string | undefined;
  try {
    for (const [i, step] of scenario.steps.entries()) {
      const where = `${scenario.name} — step ${i + 1}`;
      const result = await playStep(kefu, step, userId, caseId);
      if (result === 'restart') {
        await kefu.close();
        kefu = await makeKefu({ store, clock });
        continue;
      }
      if (result && 'caseId' in result) caseId = result.caseId ?? caseId;
      if ('pushed' in step) {
        await expect
          .poll(() => pushed.join('\n'), { timeout: 3000 })
          .toMatch(new RegExp(step.pushed.join('|')));
        check(pushed.join('\n'), step.pushed, false, where);
        continue;
      }
      if (!result || !('replies' in result)) continue;
      const texts = result.replies.map((r) => r.text).join('\n');
      if ('silent' in step && step.silent)
        expect(result.replies, `${where}: bot must stay silent`).toEqual([]);
      if ('expect' in step) check(texts, step.expect, false, where);
      if ('notExpect' in step) check(texts, step.notExpect, true, where);
      if ('source' in step && step.source !== undefined) {
        const sources = result.replies.map((r) => r.source).filter(Boolean);
        if (step.source === null) expect(sources, `${where}: no FAQ source expected`).toEqual([]);
        else if (step.source === '*')
          expect(sources.length, `${where}: an FAQ source expected`).toBeGreaterThan(0);
        else expect(sources).toContain(step.source);
      }
      if ('quickReplies' in step && step.quickReplies) {
        const offered = result.replies.flatMap((r) => r.quickReplies ?? []);
        expect(offered, `${where}: quick replies`).toEqual(expect.arrayContaining(step.quickReplies));
      }
    }
    await checkOutcome(scenario, kefu, store, userId);
  } finally {
    await unsubscribe();
    await kefu.close();
  }
}

type StepResult = { replies: Reply[]; caseId?: string } | { caseId?: string } | 'restart' | undefined;

async function playStep(
  kefu: Kefu,
  step: Step,
  userId: string,
  caseId: string | undefined,
): Promise<StepResult> {
  if ('user' in step) {
    const id = step.as ? `${userId}-${step.as}` : userId;
    const r = await kefu.runTurn({ channel: 'web', userId: id, kind: 'text', text: step.user });
    return { replies: r.replies, caseId: r.caseId };
  }
  if ('image' in step) {
    const r = await kefu.runTurn({
      channel: 'web',
      userId,
      kind: 'image',
      attachments: [{ type: 'image', url: step.image }],
    });
    return { replies: r.replies };
  }
  if ('kind' in step) {
    const r = await kefu.runTurn({ channel: 'web', userId, kind: step.kind });
    return { replies: r.replies };
  }
  if ('agent' in step) {
    const id = caseId ?? (await kefu.desk.listCases({ channel: 'web', userId }))[0]?.id;
    if (!id) throw new Error('agent step without a case');
    if (step.agent === 'claim') await kefu.agentDesk.claim(id, AGENT.name);
    if (step.agent === 'say') await kefu.agentDesk.message(id, AGENT.name, step.text ?? '');
    if (step.agent === 'resolve') await kefu.agentDesk.resolve(id, AGENT.name, step.text ?? '');
    return { caseId: id };
  }
  if ('restart' in step) return 'restart';
  return undefined;
}

async function checkOutcome(scenario: Scenario, kefu: Kefu, store: Store, userId: string): Promise<void> {
  const cases = await kefu.desk.listCases({ channel: 'web', userId });
  if (scenario.noCase) expect(cases, `${scenario.name}: no case expected`).toEqual([]);
  if (scenario.case) {
    const c = cases[0];
    expect(c, `${scenario.name}: a case was expected`).toBeDefined();
    for (const [field, want] of Object.entries(scenario.case)) {
      const record = c as unknown as Record<string, unknown>;
      if (field === 'evidenceIncludes') expect(c?.evidence.join(' ')).toContain(want);
      else if (field === 'firstResponseDue' || field === 'resolutionDue')
        expect(String(record[field])).toMatch(new RegExp(`^${String(want)}T23:59:59\\+08:00$`));
      else expect(record[field], `${scenario.name}: case.${field}`).toEqual(want);
    }
  }
  for (const text of scenario.transcriptIncludes ?? []) {
    expect(cases[0]?.transcript.map((t) => t.text).join('\n')).toContain(text);
  }
  if (scenario.intake) {
    const state = parseConversationState(await store.conversations.load(`web:${userId}`));
    for (const [field, want] of Object.entries(scenario.intake)) {
      expect(
        (state?.intake?.slots as Record<string, unknown> | undefined)?.[field],
        `${scenario.name}: intake.${field}`,
      ).toEqual(want);
    }
  }
}
