import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { buildProblemExamples, checkHalfTexts } from '../eval/problemExamples.js';

const examples = loadKnowledge().problemExamples;

describe('knowledge/nlu/problem-examples.json', () => {
  it('is what `npm run build:problem-examples` makes of the corpus today', () => {
    expect(examples).toEqual(buildProblemExamples());
  });

  it('holds no message of a check half, so the check halves still measure unseen phrasings', () => {
    const learned = new Set(examples.map((e) => e.text));
    const leaked = checkHalfTexts().filter((t) => learned.has(t));
    expect(leaked.length).toBe(0);
  });
});
