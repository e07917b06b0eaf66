import { normalizeText } from './normalize.js';
import { rememberRecent } from './rememberRecent.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_OR_DIGITS = /[a-z]+|\d+/g;

/** Chinese particles and fillers that carry no topic. Unigrams only. */
const HAN_STOP = new Set([...'的了吗呢吧啊呀么是我你他她它们在有和就都也还要会可以能这那哪个些什么怎样请问一下下得地着过把被给让对为与及或而且但']);
const EN_STOP = new Set(
  'a an the is are was were be been am do does did i you he she it we they me my your our to of in on at for with by from and or but if so what whats which who how can could would should will shall there this that these those please tell about any some get got have has had as up out not no yes just'.split(' '),
);

/** English light stemming so "calls"/"called"/"calling" meet "call". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Chinese-aware tokenizer for BM25: Han unigrams (minus particles) and bigrams, Intl.Segmenter
 * words of three or more characters, stemmed English words, digit runs, and one synthetic
 * token per synonym group found in the text (so 要钱 meets 收费, "hotline" meets 电话).
 */
export class Tokenizer {
  private readonly segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  /** Han synonym terms by their first character (the text is scanned once, not once per term). */
  private readonly hanSynonyms = new Map<string, Array<[term: string, token: string]>>();
  private readonly latinSynonyms = new Map<string, string>();

  constructor(synonymGroups: readonly (readonly string[])[] = []) {
    synonymGroups.forEach((group, index) => {
      const token = `#syn${index}`;
      for (const term of group) {
        const t = normalizeText(term).trim();
        if (/\p{Script=Han}/u.test(t)) {
          const first = t[0] ?? '';
          const bucket = this.hanSynonyms.get(first) ?? [];
          bucket.push([t, token]);
          this.hanSynonyms.set(first, bucket);
        }
        else this.latinSynonyms.set(t.split(/\s+/).map(stem).join(' '), token);
      }
    });
  }

  /** For each Han synonym entry whose term occurs anywhere in `norm`, its group's token once. */
  private pushHanSynonyms(norm: string, tokens: string[]): void {
    let found: Set<readonly [string, string]> | undefined;
    for (let i = 0; i < norm.length; i++) {
      const bucket = this.hanSynonyms.get(norm[i] ?? '');
      if (!bucket) continue;
      for (const entry of bucket) {
        if (found?.has(entry) || !norm.startsWith(entry[0], i)) continue;
        (found ??= new Set()).add(entry);
        tokens.push(entry[1]);
      }
    }
  }

  /** Tokens of `text` (with repetitions, which BM25 counts); one message is tokenized once a turn. */
  readonly tokenize: (text: string) => readonly string[] = rememberRecent((text) => this.tokensOf(text));

  private tokensOf(text: string): string[] {
    const norm = normalizeText(text);
    const tokens: string[] = [];
    for (const match of norm.matchAll(HAN_RUN)) {
      const run = match[0];
      const chars = [...run];
      chars.forEach((ch, i) => {
        if (!HAN_STOP.has(ch)) tokens.push(ch);
        const next = chars[i + 1];
        if (next !== undefined) tokens.push(ch + next);
      });
      if (chars.length > 2) {
        for (const seg of this.segmenter.segment(run)) {
          if (seg.isWordLike && [...seg.segment].length >= 3) tokens.push(seg.segment);
        }
      }
    }
    const words: string[] = [];
    for (const match of norm.matchAll(LATIN_OR_DIGITS)) {
      const w = match[0];
      if (/^\d+$/.test(w)) tokens.push(w);
      else if (!EN_STOP.has(w)) {
        const s = stem(w);
        tokens.push(s);
        words.push(s);
      } else words.push(w);
    }
    this.pushHanSynonyms(norm, tokens);
    if (this.latinSynonyms.size > 0) {
      words.forEach((w, i) => {
        const one = this.latinSynonyms.get(w);
        if (one) tokens.push(one);
        const next = words[i + 1];
        const two = next !== undefined ? this.latinSynonyms.get(`${w} ${next}`) : undefined;
        if (two) tokens.push(two);
      });
    }
    return tokens;
  }
}
