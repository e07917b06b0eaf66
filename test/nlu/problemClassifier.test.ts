import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { FaqIndex } from '../../src/knowledge/faqIndex.js';
import { ProblemClassifier } from '../../src/nlu/problemClassifier.js';
import { RuleNlu } from '../../src/nlu/ruleNlu.js';
import type { PendingQuestion } from '../../src/domain/intake.js';

const kb = loadKnowledge();
const faq = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope });
const withClassifier = new RuleNlu(faq, new ProblemClassifier(kb.problemExamples));
const rulesOnly = new RuleNlu(faq);
const read = (nlu: RuleNlu, text: string, pending?: PendingQuestion) =>
  nlu.interpretSync(text, { locale: 'zh-CN', pending, filled: [] });

/** Problems no keyword list names, written for this test (none of them is a training example). */
const UNNAMED_PROBLEMS = [
  { text: '沙发送来一个扶手是掉漆的', category: 'quality' },
  { text: '保温杯一点都不保温 倒进去的开水一个小时就凉了', category: 'quality' },
  { text: '羊毛衫第一次手洗就小了两个码', category: 'quality' },
  { text: 'my new rice cooker burns the rice every single time', category: 'quality' },
] as const;

describe('the learned fallback for problems the rules do not recognise', () => {
  it('none of the test messages is one it learned from', () => {
    const learned = new Set(kb.problemExamples.map((e) => e.text));
    for (const { text } of UNNAMED_PROBLEMS) expect(learned.has(text), text).toBe(false);
  });

  it('starts a complaint for an unnamed problem, with its kind and its story, where the rules alone could not', () => {
    for (const { text, category } of UNNAMED_PROBLEMS) {
      expect(read(rulesOnly, text).intent, text).toBe('other');
      const r = read(withClassifier, text);
      expect(r.intent, text).toBe('start_complaint');
      expect(r.slots.category, text).toBe(category);
      expect(r.slots.description, text).toBe(text);
    }
  });

  it('leaves plans, news, praise, small talk and questions alone', () => {
    for (const text of [
      '我想买个手机',
      '我在挑沙发',
      '我想把地址改成公司的',
      '包装很用心 好评',
      '我家狗狗很喜欢新买的窝',
      '今天天气不错',
      '这个耳机有没有白色的',
      'I love the jacket I bought',
    ])
      expect(read(withClassifier, text).intent, text).not.toBe('start_complaint');
  });

  it('answers "which kind of problem" with the kind of an unnamed defect; a reply it cannot place stays unfilled', () => {
    expect(read(rulesOnly, '保温杯一点都不保温', 'category').slots.category).toBeUndefined();
    expect(read(withClassifier, '保温杯一点都不保温', 'category').slots.category).toBe('quality');
    expect(read(withClassifier, '嗯嗯', 'category').slots.category).toBeUndefined();
    // Its 还没 leans to "delivery", but the user has not said what kind of problem it is.
    expect(read(withClassifier, '还没想好 就是不爽', 'category').slots.category).toBeUndefined();
  });

  it('learns from the examples it is given: two kinds of problem and a question', () => {
    const tiny = new ProblemClassifier([
      { text: '屏幕碎了', label: 'quality' },
      { text: '屏幕有坏点', label: 'quality' },
      { text: '快递丢了', label: 'logistics' },
      { text: '快递三天没动', label: 'logistics' },
      { text: '电话多少', label: 'question' },
      { text: '几点上班', label: 'question' },
      { text: '我想买东西', label: 'statement' },
    ]);
    expect(tiny.guess('屏幕又碎了').category).toBe('quality');
    expect(tiny.guess('快递丢件').category).toBe('logistics');
    expect(tiny.guess('客服电话多少').problem).toBeLessThan(0.5);
    expect(tiny.guess('☺').problem).toBeCloseTo(1 / 3);
  });
});
