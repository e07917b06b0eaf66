import type { Facts } from './schema.js';

/** `9:00` → `09:00:00`, the form zoned-time arithmetic takes. */
export function clockTime(hm: string): string {
  return `${hm.padStart(5, '0')}:00`;
}

/** The values of the fact placeholders phrases and widget strings use: `{hotline}`, `{open}`, `{close}`. */
export function factValues(facts: Facts): Record<'hotline' | 'open' | 'close', string> {
  return { hotline: facts.hotline.number, open: facts.hours.open, close: facts.hours.close };
}
