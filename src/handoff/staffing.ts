import type { StaffingInfo } from './ports.js';
import { localDate, toZonedIso, zonedTime } from '../domain/zonedTime.js';
import { clockTime } from '../knowledge/facts.js';
import type { Facts } from '../knowledge/schema.js';

/**
 * Whether people answer at `now`, and if not, when they next will (ISO with the zone's offset).
 * They answer every day during the hotline's hours (`knowledge/facts.json`).
 */
export function staffing(now: Date, timeZone: string, hours: Facts['hours']): StaffingInfo {
  const today = localDate(now, timeZone);
  const open = zonedTime(today, clockTime(hours.open), timeZone);
  const close = zonedTime(today, clockTime(hours.close), timeZone);
  if (now >= open && now < close) return { staffedNow: true };
  const next =
    now < open
      ? open
      : zonedTime(
          localDate(new Date(open.getTime() + 36 * 3600_000), timeZone),
          clockTime(hours.open),
          timeZone,
        );
  return { staffedNow: false, nextOpening: toZonedIso(next, timeZone) };
}
