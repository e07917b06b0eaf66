import { createHash, createHmac, randomInt } from 'node:crypto';
import { localDate } from './zonedTime.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: easy to read out on the phone

/** `KF` + the local date + `-` + the suffix. */
function datedId(now: Date, timeZone: string, suffix: string): string {
  return `KF${localDate(now, timeZone).replace(/-/g, '')}-${suffix}`;
}

/** Four readable characters from the first four bytes of a digest. */
function suffixOf(digest: Buffer): string {
  return Array.from(digest.subarray(0, 4), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A short, readable case id: `KF` + local date + `-` + 4 characters, e.g. `KF20261125-7Q4M`. */
export function newCaseId(now: Date, timeZone: string): string {
  const suffix = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return datedId(now, timeZone, suffix);
}

/**
 * The case id a message that hands the conversation over (转人工, the third miss) opens its case
 * under: derived from the conversation and the message's own id, so the same message retried
 * after a crash between the case write and the state save opens the same case instead of a
 * second one (the desk hands back the case already written). Keyed with a server secret: the
 * message id is the client's, and with a plain hash a client could try keys until its derived
 * id equals a case id it wants to probe or take first.
 */
export function caseIdForMessage(
  key: string,
  conversation: string,
  messageId: string,
  now: Date,
  timeZone: string,
): string {
  const digest = createHmac('sha256', key).update(`${conversation}\n${messageId}`).digest();
  return datedId(now, timeZone, suffixOf(digest));
}

/**
 * The `attempt`-th stand-in for a reserved case id that turned out to belong to another
 * conversation's case (a 1-in-a-million clash). Derived, not random, so a retry of the same
 * confirm walks the same sequence and finds the case it wrote before a crash.
 */
export function derivedCaseId(reserved: string, attempt: number): string {
  const suffix = suffixOf(createHash('sha256').update(`${reserved}#${attempt}`).digest());
  const dash = reserved.lastIndexOf('-');
  return `${dash > 0 ? reserved.slice(0, dash) : reserved}-${suffix}`;
}
