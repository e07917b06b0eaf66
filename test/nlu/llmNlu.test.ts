import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NluContext } from '../../src/nlu/types.js';
import { FaqIndex } from '../../src/knowledge/faqIndex.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { LlmNlu, type LlmFallbackReason } from '../../src/nlu/llmNlu.js';
import { RuleNlu } from '../../src/nlu/ruleNlu.js';
import { SAYS_NOTHING, startScriptedOpenAi, type ScriptedAnswer } from '../fakes/scriptedOpenAi.js';
import { makeKefu, testConfig } from '../helpers/kefu.js';

const kb = loadKnowledge();
const faq = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope });

let next: ScriptedAnswer = { content: SAYS_NOTHING };
let server: Awaited<ReturnType<typeof startScriptedOpenAi>>;
const fallbacks: LlmFallbackReason[] = [];
let nlu: LlmNlu;

beforeAll(async () => {
  server = await startScriptedOpenAi(() => next);
  nlu = new LlmNlu({
    config: { apiKey: 'test-key', baseUrl: server.baseUrl, model: 'scripted-model', timeoutMs: 500 },
    rules: new RuleNlu(faq),
    faq,
    onFallback: (r) => fallbacks.push(r),
  });
});
afterAll(async () => server.close());
const state = (pending?: NluContext['pending']): NluContext => ({ locale: 'zh-CN', pending, filled: [] });

describe('LLM NLU against a scripted OpenAI-compatible server', () => {
  it('uses the structured interpretation and sends the model, candidates and pending slot', async () => {
    next = { content: { ...SAYS_NOTHING, intent: 'faq', faqId: 'hotline-fee' } };
    const s = state('orderId');
    const out = await nlu.interpret('拨这个号要花钱不', s);
    expect(out).toMatchObject({ intent: 'faq', faqId: 'hotline-fee' });
    const req = server.requests.at(-1)!;
    expect(req.model).toBe('scripted-model');
    expect(req.messages[0]?.content).toContain('hotline-fee');
    expect(req.messages[0]?.content).toContain('pending question: orderId');
    expect(fallbacks).toEqual([]); // the model's answer was used, not the rules'
  });

  it('drops an FAQ id that was not among the candidates and digits the user never wrote', async () => {
    next = { content: { ...SAYS_NOTHING, intent: 'faq', faqId: 'made-up-entry' } };
    expect((await nlu.interpret('今天天气怎么样', state())).faqId).toBeUndefined();
    next = {
      content: {
        ...SAYS_NOTHING,
        intent: 'start_complaint',
        orderId: '1234567890123456789',
        resolution: 'exchange',
      },
    };
    const out = await nlu.interpret('我要投诉，想换货', state());
    expect(out.slots.orderId).toBeUndefined();
    expect(out.slots.resolution).toBe('exchange');
    expect(out.intent).toBe('start_complaint');
    expect(fallbacks).toEqual([]);
  });

  it('falls back to rules on a server error, a timeout and malformed output', async () => {
    fallbacks.length = 0;
    next = { status: 500 };
    expect((await nlu.interpret('投诉电话多少', state())).faqId).toBe('hotline-number');
    next = { content: SAYS_NOTHING, delayMs: 2000 };
    const started = Date.now();
    expect((await nlu.interpret('投诉电话多少', state())).faqId).toBe('hotline-number');
    expect(Date.now() - started).toBeLessThan(1500);
    next = { raw: 'this is not json' };
    expect((await nlu.interpret('投诉电话多少', state())).faqId).toBe('hotline-number');
    expect(fallbacks).toEqual(['error', 'timeout', 'invalid']);
  });

  it('is what kefu runs when OPENAI_API_KEY is set, and /healthz says so', async () => {
    next = { content: { ...SAYS_NOTHING, intent: 'faq', faqId: 'hotline-hours' } };
    const kefu = await makeKefu({
      config: testConfig({
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: server.baseUrl,
        OPENAI_MODEL: 'scripted-model',
      }),
    });
    const r = await kefu.runTurn({ channel: 'web', userId: 'llm-user', kind: 'text', text: '几点能打通' });
    expect(r.replies[0]?.source).toBe('hotline-hours');
    expect(r.replies[0]?.text).toContain('21:00');
    await kefu.close();
  });
});
