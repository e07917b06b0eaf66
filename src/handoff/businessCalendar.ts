import type { CalendarFile } from '../knowledge/schema.js';

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The zone's UTC offset at an instant, as `+08:00`. */
export function zoneOffset(date: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match?.[1] ?? '+00:00';
}

/** ISO-8601 with the zone's offset (`2026-12-01T23:59:59+08:00`), never `Z`. */
export function toZonedIso(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zoneOffset(date, timeZone)}`;
}

/** The instant of a local wall-clock time in a zone. */
export function zonedTime(ymd: string, hms: string, timeZone: string): Date {
  const guess = new Date(`${ymd}T${hms}Z`);
  const offset = zoneOffset(guess, timeZone);
  return new Date(`${ymd}T${hms}${offset}`);
}

function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Business days of mainland China: Monday–Friday, minus public holidays, plus the weekend days
 * that are working days (调休), from the calendar files in `knowledge/calendar/`. Years the files
 * do not cover fall back to plain weekdays (`covers(year)` tells).
 */
export class BusinessCalendar {
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();
  private readonly years = new Set<number>();

  constructor(
    calendars: readonly CalendarFile[],
    readonly timeZone = 'Asia/Shanghai',
  ) {
    for (const c of calendars) {
      c.years.forEach((y) => this.years.add(y));
      c.holidays.forEach((h) => this.holidays.add(h.date));
      c.workdays.forEach((w) => this.workdays.add(w.date));
    }
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isBusinessDay(ymd: string): boolean {
    if (this.workdays.has(ymd)) return true;
    if (this.holidays.has(ymd)) return false;
    const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** End (23:59:59 local) of the n-th business day strictly after the local date of `from`. */
  addBusinessDays(from: Date, n: number): Date {
    let day = localDate(from, this.timeZone);
    let counted = 0;
    while (counted < n) {
      day = addDays(day, 1);
      if (this.isBusinessDay(day)) counted += 1;
    }
    return zonedTime(day, '23:59:59', this.timeZone);
  }
}

/** SLA from the knowledge base: a first opinion within 3 business days, completion within 7. */
export const SLA = { firstResponseBusinessDays: 3, resolutionBusinessDays: 7 } as const;
