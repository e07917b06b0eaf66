import type { FaqIndex } from '../src/knowledge/faqIndex.js';
import type { FaqEntry } from '../src/knowledge/schema.js';

/** p50/p99 of per-query latency (ms) over `rounds` passes of `queries`. */
export function measureRetrieval(
  index: FaqIndex,
  queries: readonly string[],
  rounds: number,
): { p50: number; p99: number; n: number } {
  for (const q of queries) index.search(q, 3); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      index.search(q, 3);
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), n: samples.length };
}

/** A synthetic knowledge base of `count` entries built from the real entries' vocabulary, shuffled. */
export function syntheticEntries(real: readonly FaqEntry[], count: number, seed = 42): FaqEntry[] {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const zhChars = [
    ...new Set(
      real
        .flatMap((e) => [...e.questions.zh.join(''), ...e.answer.zh])
        .filter((c) => /\p{Script=Han}/u.test(c)),
    ),
  ];
  const enWords = [
    ...new Set(
      real.flatMap((e) => `${e.questions.en.join(' ')} ${e.answer.en}`.toLowerCase().match(/[a-z]+/g) ?? []),
    ),
  ];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const zh = (n: number) => Array.from({ length: n }, () => pick(zhChars)).join('');
  const en = (n: number) => Array.from({ length: n }, () => pick(enWords)).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    title: { zh: zh(6), en: en(4) },
    questions: { zh: Array.from({ length: 8 }, () => zh(10)), en: Array.from({ length: 5 }, () => en(7)) },
    answer: { zh: zh(60), en: en(40) },
    tags: [zh(2), en(1)],
  }));
}
