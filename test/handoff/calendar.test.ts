import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/handoff/businessCalendar.js';
import { toZonedIso } from '../../src/domain/zonedTime.js';
import { staffing } from '../../src/handoff/staffing.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { loadConfig } from '../../src/config.js';

const calendar = new BusinessCalendar(loadKnowledge().calendars);
const due = (from: string, n: number) =>
  toZonedIso(calendar.addBusinessDays(new Date(from), n), 'Asia/Shanghai');

describe('business-day calendar (SLA due dates)', () => {
  it('skips weekends', () => {
    expect(due('2026-11-27T10:00:00+08:00', 3)).toBe('2026-12-02T23:59:59+08:00'); // Fri → Wed
  });
  it('skips the National Day holiday and counts the 调休 Saturday', () => {
    expect(due('2026-09-30T10:00:00+08:00', 3)).toBe('2026-10-10T23:59:59+08:00');
    expect(due('2026-09-30T10:00:00+08:00', 7)).toBe('2026-10-15T23:59:59+08:00');
  });
  it('skips Spring Festival; a case opened on a holiday counts from the next business day', () => {
    expect(due('2026-02-16T10:00:00+08:00', 1)).toBe('2026-02-24T23:59:59+08:00');
    expect(calendar.isBusinessDay('2026-02-14')).toBe(true); // Saturday working day
    expect(calendar.isBusinessDay('2026-10-01')).toBe(false);
  });
  it('uses the Beijing date, whatever the server’s zone: 23:30 UTC is already the next day', () => {
    expect(due('2026-11-26T23:30:00Z', 1)).toBe('2026-11-30T23:59:59+08:00'); // Fri 07:30 Beijing → Mon
  });
  it('covers 2026 and 2027', () => {
    expect(calendar.covers(2026) && calendar.covers(2027)).toBe(true);
  });
});

describe('staffed hours 9:00–21:00 Beijing time', () => {
  const at = (iso: string) => staffing(new Date(iso), 'Asia/Shanghai', loadKnowledge().facts.hours);
  it('knows the edges', () => {
    expect(at('2026-11-25T08:59:00+08:00')).toEqual({
      staffedNow: false,
      nextOpening: '2026-11-25T09:00:00+08:00',
    });
    expect(at('2026-11-25T09:00:00+08:00').staffedNow).toBe(true);
    expect(at('2026-11-25T20:59:00+08:00').staffedNow).toBe(true);
    expect(at('2026-11-25T21:00:00+08:00')).toEqual({
      staffedNow: false,
      nextOpening: '2026-11-26T09:00:00+08:00',
    });
    expect(at('2026-11-25T14:00:00Z')).toEqual({
      staffedNow: false,
      nextOpening: '2026-11-26T09:00:00+08:00',
    });
  });
});

describe('configuration', () => {
  it('stops with a one-line message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid PORT: /);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/invalid REDIS_URL/);
    expect(() => loadConfig({ AGENT_TOKENS: 'alice' })).toThrow(/invalid AGENT_TOKENS/);
    expect(() => loadConfig({ TZ_BUSINESS: 'Mars/Olympus' })).toThrow(/invalid TZ_BUSINESS/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AGENT_TOKENS: required/);
  });
  it('has embedded defaults: memory store, rule mode, a generated dev agent token', () => {
    const c = loadConfig({});
    expect(c.redisUrl).toBeUndefined();
    expect(c.llm).toBeUndefined();
    expect(c.agentTokenGenerated).toBe(true);
    expect(c.port).toBe(3000);
  });
});
