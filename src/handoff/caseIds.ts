import { randomInt } from 'node:crypto';
import { localDate } from './businessCalendar.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: easy to read out on the phone

/** A short, readable case id: `KF` + local date + `-` + 4 characters, e.g. `KF20261125-7Q4M`. */
export function newCaseId(now: Date, timeZone: string): string {
  const suffix = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `KF${localDate(now, timeZone).replace(/-/g, '')}-${suffix}`;
}
