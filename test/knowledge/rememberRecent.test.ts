import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../src/knowledge/rememberRecent.js';
import { normalizeText } from '../../src/knowledge/normalize.js';

describe('rememberRecent', () => {
  it('computes a text once while it is among the last few, and again once it has dropped out', () => {
    const seen: string[] = [];
    const upper = rememberRecent((text) => {
      seen.push(text);
      return text.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(seen).toEqual(['a', 'b']);
    upper('c'); // evicts 'a', the older of the two
    expect(upper('a')).toBe('A');
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps the memoized normalizer exact across interleaved texts', () => {
    const texts = ['天貓投訴電話', 'ＡＢＣ１２３', '天猫', '天貓投訴電話', 'Hello'];
    expect(texts.map((t) => normalizeText(t))).toEqual(['天猫投诉电话', 'abc123', '天猫', '天猫投诉电话', 'hello']);
  });
});
