import type { StaffingInfo } from './ports.js';
import { localDate, toZonedIso, zonedTime } from '../domain/zonedTime.js';

/** People answer every day 9:00–21:00 (the hotline's hours in the knowledge base). */
export const STAFFED_HOURS = { open: '09:00:00', close: '21:00:00' } as const;

/** Whether people answer at `now`, and if not, when they next will (ISO with the zone's offset). */
export function staffing(now: Date, timeZone: string): StaffingInfo {
  const today = localDate(now, timeZone);
  const open = zonedTime(today, STAFFED_HOURS.open, timeZone);
  const close = zonedTime(today, STAFFED_HOURS.close, timeZone);
  if (now >= open && now < close) return { staffedNow: true };
  const next =
    now < open
      ? open
      : zonedTime(
          localDate(new Date(open.getTime() + 36 * 3600_000), timeZone),
          STAFFED_HOURS.open,
          timeZone,
        );
  return { staffedNow: false, nextOpening: toZonedIso(next, timeZone) };
}
