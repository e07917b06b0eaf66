import { createRequire } from 'node:module';
import type { Locale } from '../domain/locale.js';
import { rememberRecent } from './rememberRecent.js';

// opencc-js's t2cn subset (traditional → simplified only); its bundled types don't resolve for
// the linter, so the one function we use is typed here.
const { Converter } = createRequire(import.meta.url)('opencc-js/t2cn') as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};
const toSimplified = Converter({ from: 'hk', to: 'cn' });
const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;
const LANGUAGELESS = /^[\s\p{P}\p{S}]*(ok+|okay|k+|ha(ha)+|h{2,}|lol|emm+|thx|bye)?[\s\p{P}\p{S}]*$/iu;

/**
 * Canonical form for matching: NFKC (full-width digits/letters → ASCII), lowercase,
 * traditional → simplified Chinese.
 */
export const normalizeText: (text: string) => string = rememberRecent((text) => {
  const nfkc = text.normalize('NFKC').toLowerCase();
  return HAN.test(nfkc) ? toSimplified(nfkc) : nfkc;
});

/**
 * Language of a message: Chinese when it has Han characters at least as prominent as
 * English words ("天猫hotline多少" is Chinese); English when it is mostly Latin words;
 * otherwise `fallback` (digits only, emoji, a bare "OK"…).
 */
export function detectLocale(text: string, fallback: Locale): Locale {
  // "OK", "haha", "kk": typed alike in every language, so they keep the conversation's.
  if (LANGUAGELESS.test(text)) return fallback;
  const han = text.match(HAN_GLOBAL)?.length ?? 0;
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && latinWords === 0) return fallback;
  if (han === 0) return 'en';
  if (latinWords === 0) return 'zh-CN';
  return han >= latinWords ? 'zh-CN' : 'en';
}
