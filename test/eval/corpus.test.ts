import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kefu } from '../../src/kefu.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import type { Store } from '../../src/store/types.js';
import { makeKefu } from '../helpers/kefu.js';
import { makeRedisStore, redisUrlForTests } from '../helpers/redis.js';
import { loadCorpus, loadHoldoutCorpus, rate, type GroupScore } from './corpus.js';
import { evalComplaintStarts, evalIntakeReplies, evalQuestions } from './corpusEval.js';
import { formatScores } from './report.js';

const corpus = loadCorpus();

function total(scores: readonly GroupScore[], half: 'tune' | 'check') {
  return scores.reduce((t, s) => ({ ok: t.ok + s[half].ok, total: t.total + s[half].total }), {
    ok: 0,
    total: 0,
  });
}

describe('the paraphrase corpus has what the issue asks for', () => {
  it('≥ 300 intake replies (≥ 220 zh, ≥ 80 en), ≥ 150 FAQ paraphrases, ≥ 60 near-misses', () => {
    expect(corpus.intake.length).toBeGreaterThanOrEqual(300);
    expect(corpus.intake.filter((i) => i.lang === 'zh').length).toBeGreaterThanOrEqual(220);
    expect(corpus.intake.filter((i) => i.lang === 'en').length).toBeGreaterThanOrEqual(80);
    expect(corpus.faq.length).toBeGreaterThanOrEqual(150);
    expect(corpus.outOfScope.length).toBeGreaterThanOrEqual(60);
  });
});

for (const mode of ['memory', 'redis'] as const) {
  describe(`the check half of the corpus, through the engine (${mode} store)`, () => {
    let store: Store;
    let cleanup: () => Promise<void> = () => Promise.resolve();
    let kefu: Kefu;
    beforeAll(async () => {
      if (mode === 'redis') {
        expect(redisUrlForTests(), 'Redis is needed for the Redis half of this suite').not.toBe('');
        ({ store, cleanup } = await makeRedisStore());
      } else {
        store = createMemoryStore();
        cleanup = () => store.close();
      }
      kefu = await makeKefu({ store });
    });
    afterAll(async () => {
      await kefu.close();
      await cleanup();
    });
    const target = () => ({ runTurn: kefu.runTurn, conversations: store.conversations });

    it('takes ≥ 95 % of the natural replies to intake questions', async () => {
      const scores = await evalIntakeReplies(target(), corpus.intake);
      const check = total(scores, 'check');
      expect(rate(check), formatScores('intake replies', scores, true)).toBeGreaterThanOrEqual(0.95);
    }, 120_000);

    it('answers ≥ 97 % of FAQ paraphrases and refuses ≥ 95 % of near-misses', async () => {
      const [faq, refused] = await evalQuestions(target(), corpus.faq, corpus.outOfScope);
      const report = formatScores('questions', [faq!, refused!], true);
      expect(rate(faq!.check), report).toBeGreaterThanOrEqual(0.97);
      expect(rate(refused!.check), report).toBeGreaterThanOrEqual(0.95);
    }, 120_000);

    // The sets written blind after rounds 3 and 6 were fitted: their check halves were never
    // read here. Floors just under today's levels (holdout: intake 98.1 %, FAQ 96.6 %, refusals
    // 97.4 %, openers 87.9 %; holdout2: 96.2 %, 100 %, 96.2 %, 58.6 %).
    for (const [set, floor] of [
      ['holdout', { intake: 0.95, faq: 0.95, refused: 0.95, openers: 0.85 }],
      ['holdout2', { intake: 0.93, faq: 0.95, refused: 0.92, openers: 0.55 }],
    ] as const) {
      it(`holds on the blind held-out set ${set} (check half)`, async () => {
        const held = loadHoldoutCorpus(set);
        const intake = total(await evalIntakeReplies(target(), held.intake), 'check');
        const [faq, refused] = await evalQuestions(target(), held.faq, held.outOfScope);
        const starts = await evalComplaintStarts(target(), held.starts);
        const report = `intake ${intake.ok}/${intake.total}\n${formatScores('held-out questions', [faq!, refused!], false)}\n${formatScores('held-out openers', [starts], false)}`;
        expect(rate(intake), report).toBeGreaterThanOrEqual(floor.intake);
        expect(rate(faq!.check), report).toBeGreaterThanOrEqual(floor.faq);
        expect(rate(refused!.check), report).toBeGreaterThanOrEqual(floor.refused);
        expect(rate(starts.check), report).toBeGreaterThanOrEqual(floor.openers);
      }, 120_000);
    }

    it('starts an intake for stated problems and wishes to complain', async () => {
      const score = await evalComplaintStarts(target(), corpus.starts);
      // Floor just under today's check-half level (91.2 %); the issue sets no target for openers.
      expect(rate(score.check), formatScores('openers', [score], false)).toBeGreaterThanOrEqual(0.88);
    }, 60_000);
  });
}
