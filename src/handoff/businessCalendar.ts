import type { CalendarFile } from '../knowledge/schema.js';
import { localDate, zonedTime } from '../domain/zonedTime.js';

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
