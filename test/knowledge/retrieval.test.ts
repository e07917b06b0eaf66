import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { FaqIndex } from '../../src/knowledge/faqIndex.js';
import { Tokenizer } from '../../src/knowledge/tokenizer.js';
import { loadEvalSet, runEval } from '../eval/evaluate.js';

const kb = loadKnowledge();
const index = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope });

describe('retrieval', () => {
  it('meets the accuracy and refusal targets on the labelled set (the calibration set of the thresholds)', () => {
    const report = runEval(index, loadEvalSet());
    expect(report.inScope).toBeGreaterThanOrEqual(100);
    expect(report.outOfScope).toBeGreaterThanOrEqual(20);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.refusalRate).toBeGreaterThanOrEqual(0.9);
  });

  it('meets colloquial wording through synonyms (要钱 → fee, 几点 → hours, 打不通 → busy line)', () => {
    expect(index.best('打这个电话要钱不')?.entry.id).toBe('hotline-fee');
    expect(index.best('热线几点有人')?.entry.id).toBe('hotline-hours');
    expect(index.best('一直打不通怎么办')?.entry.id).toBe('line-busy');
    expect(index.best('how long until they get back to me about my complaint')?.entry.id).toBe('processing-time');
  });

  it('refuses questions about other platforms and unrelated topics', () => {
    expect(index.best('京东投诉电话多少')).toBeUndefined();
    expect(index.best('amazon customer service number')).toBeUndefined();
    expect(index.best('今天天气怎么样')).toBeUndefined();
    expect(index.best('')).toBeUndefined();
  });

  it('tokenizes Han text into unigrams, bigrams and synonym groups', () => {
    const tok = new Tokenizer([['收费', '要钱', 'fee']]);
    const tokens = tok.tokenize('要钱吗');
    expect(tokens).toEqual(expect.arrayContaining(['要钱', '钱', '#syn0']));
    expect(tok.tokenize('What is the fee?')).toContain('#syn0');
    expect(tok.tokenize('天貓')).toContain('天猫');
  });

  it('answers with the entry it cites (what LLM mode and rule mode both use)', () => {
    const confident = (q: string) => index.search(q, 2).filter((m) => m.confident);
    const docs = confident('天猫投诉电话是多少').map((m) => ({ metadata: { id: m.entry.id }, pageContent: m.entry.answer.zh }));
    expect(docs[0]?.metadata.id).toBe('hotline-number');
    expect(docs[0]?.pageContent).toContain('400-860-8608');
    expect(confident('今天天气怎么样')).toEqual([]);
  });
});
