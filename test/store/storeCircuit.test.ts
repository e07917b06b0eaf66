import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors.js';
import { StoreCircuit } from '../../src/store/storeCircuit.js';

class Outage extends Error {}

/** A fake store whose availability the test switches. */
function fakeStore() {
  const state = { up: true, frozen: false, calls: 0, changes: [] as boolean[] };
  const circuit = new StoreCircuit({
    isOutage: (err) => err instanceof Outage,
    probe: () => (state.up ? Promise.resolve() : Promise.reject(new Outage('down'))),
    probeIntervalMs: 20,
    timeoutMs: 100,
    retryAfterSeconds: 3,
    onChange: (available) => state.changes.push(available),
  });
  const port = circuit.guard({
    prefix: 'k:',
    async get(key: string): Promise<string> {
      state.calls++;
      if (state.frozen) return new Promise<string>(() => undefined);
      if (!state.up) throw new Outage('connection refused');
      if (key === 'bad') throw new TypeError('not an outage');
      return this.prefix + key;
    },
  });
  return { state, circuit, port };
}

describe('StoreCircuit', () => {
  it('passes calls through (with `this`) and leaves other errors alone', async () => {
    const { port, circuit } = fakeStore();
    expect(await port.get('a')).toBe('k:a');
    await expect(port.get('bad')).rejects.toBeInstanceOf(TypeError);
    expect(circuit.available).toBe(true);
  });

  it('turns an outage into StoreUnavailableError and then fails at once until a probe succeeds', async () => {
    const { port, circuit, state } = fakeStore();
    state.up = false;
    const err: unknown = await port.get('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as StoreUnavailableError).retryAfterSeconds).toBe(3);
    expect(circuit.available).toBe(false);
    const callsWhileDown = state.calls;
    await expect(port.get('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(state.calls).toBe(callsWhileDown); // not even tried
    await expect(circuit.check()).rejects.toBeInstanceOf(StoreUnavailableError);
    state.up = true;
    await sleep(80);
    expect(circuit.available).toBe(true);
    expect(await port.get('a')).toBe('k:a');
    expect(state.changes).toEqual([false, true]);
    circuit.dispose();
  });

  it('counts a call with no answer within the deadline as an outage', async () => {
    const { port, circuit, state } = fakeStore();
    state.frozen = true;
    const started = performance.now();
    await expect(port.get('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(circuit.available).toBe(false);
    state.frozen = false;
    await expect(circuit.check()).resolves.toBeUndefined();
    expect(circuit.available).toBe(true);
    circuit.dispose();
  });

  it('is the one deadline on store calls (moved from the Redis command deadline): answers and errors pass through, an unanswered call fails after the deadline, not before', async () => {
    const circuit = new StoreCircuit({
      isOutage: () => false,
      probe: () => Promise.resolve(),
      timeoutMs: 200,
    });
    const port = circuit.guard({
      get: (key: string) => Promise.resolve(`value of ${key}`),
      fail: () => Promise.reject(new Error('WRONGTYPE')),
      hang: () => new Promise<string>(() => undefined),
    });
    expect(await port.get('a')).toBe('value of a');
    await expect(port.fail()).rejects.toThrow('WRONGTYPE');
    const started = Date.now();
    await expect(port.hang()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(1000);
    circuit.dispose();
  });
});
