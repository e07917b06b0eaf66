import { describe, expect, it } from 'vitest';
import { caseIdForMessage, derivedCaseId, newCaseId } from '../../src/domain/caseId.js';
import { createMemoryStore } from '../../src/store/createStore.js';
import { caseIdKey, storeSecret } from '../../src/store/storeSecret.js';

const NOW = new Date('2026-11-26T15:30:00Z'); // 23:30 in Shanghai
const TZ = 'Asia/Shanghai';

describe('case ids', () => {
  it('a new id is KF + the local date + four readable characters', () => {
    expect(newCaseId(NOW, TZ)).toMatch(/^KF20261126-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('a hand-over id is the same for the same message, and depends on the server key', () => {
    const id = caseIdForMessage('key-one', 'web:w_alice', 'msg-0001', NOW, TZ);
    expect(id).toMatch(/^KF20261126-[2-9A-HJ-NP-Z]{4}$/);
    expect(caseIdForMessage('key-one', 'web:w_alice', 'msg-0001', NOW, TZ)).toBe(id);
    // Without the key nobody can tell which message ids give which case id: over many keys the
    // same message lands on many ids, so a client cannot grind its way to a chosen one.
    const underOtherKeys = new Set(
      Array.from({ length: 50 }, (_, i) => caseIdForMessage(`key-${i}`, 'web:w_alice', 'msg-0001', NOW, TZ)),
    );
    expect(underOtherKeys.size).toBeGreaterThan(45);
    expect(caseIdForMessage('key-one', 'web:w_bob', 'msg-0001', NOW, TZ)).not.toBe(id);
  });

  it('a stand-in for a taken id keeps the date and is derived, not random', () => {
    expect(derivedCaseId('KF20261126-ABCD', 1)).toBe(derivedCaseId('KF20261126-ABCD', 1));
    expect(derivedCaseId('KF20261126-ABCD', 1)).toMatch(/^KF20261126-[2-9A-HJ-NP-Z]{4}$/);
    expect(derivedCaseId('KF20261126-ABCD', 2)).not.toBe(derivedCaseId('KF20261126-ABCD', 1));
  });

  it('the key comes from the store: made once, then the same for every process on it', async () => {
    const store = createMemoryStore();
    const first = await storeSecret(store.kv, 'secret:case-ids');
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(await storeSecret(store.kv, 'secret:case-ids')).toBe(first);
    expect(await storeSecret(createMemoryStore().kv, 'secret:case-ids')).not.toBe(first);
    await store.close();
  });

  it('with SESSION_SECRET the key is the same on any store and after a restart (a retried hand-over finds its case)', async () => {
    const secret = 'a-session-secret-of-at-least-32-characters';
    const before = createMemoryStore();
    const after = createMemoryStore(); // a restart of the in-memory store: nothing kept
    const key = await caseIdKey(secret, before.kv);
    expect(await caseIdKey(secret, after.kv)).toBe(key);
    expect(key).not.toContain(secret);
    expect(await caseIdKey('another-session-secret-of-32-characters', after.kv)).not.toBe(key);
    // Without it (development) the store keeps one.
    expect(await caseIdKey(undefined, before.kv)).toBe(await storeSecret(before.kv, 'secret:case-ids'));
    await before.close();
    await after.close();
  });
});
