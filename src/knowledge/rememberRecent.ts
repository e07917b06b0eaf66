/**
 * A pure function of one string that remembers its last few answers. The readers of one message
 * (slot extractors, dialogue acts, question form, retrieval) each normalize, tokenize or cut the
 * same text within one turn; every call after the first is then a string comparison instead of
 * the work again. Only for pure functions whose results the callers never mutate (arrays are
 * handed out as `readonly`). A handful of entries, not a cache across users: two messages seldom
 * share their text, and a bounded ring costs no memory to speak of.
 */
export function rememberRecent<T>(compute: (text: string) => T, size = 4): (text: string) => T {
  const texts: Array<string | undefined> = new Array<string | undefined>(size).fill(undefined);
  const results: T[] = new Array<T>(size);
  let next = 0;
  return (text) => {
    for (let i = 0; i < size; i++) if (texts[i] === text) return results[i] as T;
    const result = compute(text);
    texts[next] = text;
    results[next] = result;
    next = (next + 1) % size;
    return result;
  };
}
