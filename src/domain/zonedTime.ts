/**
 * Instants in a business time zone (TZ_BUSINESS): the local date, the ISO-8601 form with the
 * zone's offset that every time in a Case uses, and the instant of a local wall-clock time.
 */

/**
 * One formatter per kind and zone, made once: building an Intl.DateTimeFormat costs tens of
 * microseconds (it loads the locale's and the zone's ICU data), formatting with one costs one.
 * A process sees one or two zones (TZ_BUSINESS, a test's), so the map stays tiny.
 */
export function formatterCache(
  make: (timeZone: string) => Intl.DateTimeFormat,
): (timeZone: string) => Intl.DateTimeFormat {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let formatter = byZone.get(timeZone);
    if (!formatter) byZone.set(timeZone, (formatter = make(timeZone)));
    return formatter;
  };
}

const dateFormat = formatterCache(
  (timeZone) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
);
const offsetFormat = formatterCache(
  (timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
);
const dateTimeFormat = formatterCache(
  (timeZone) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
);

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(date: Date, timeZone: string): string {
  return dateFormat(timeZone).format(date);
}

/** The zone's UTC offset at an instant, as `+08:00`. */
export function zoneOffset(date: Date, timeZone: string): string {
  const name = offsetFormat(timeZone)
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match?.[1] ?? '+00:00';
}

/** ISO-8601 with the zone's offset (`2026-12-01T23:59:59+08:00`), never `Z`. */
export function toZonedIso(date: Date, timeZone: string): string {
  const parts = dateTimeFormat(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zoneOffset(date, timeZone)}`;
}

/** The instant of a local wall-clock time in a zone. */
export function zonedTime(ymd: string, hms: string, timeZone: string): Date {
  const guess = new Date(`${ymd}T${hms}Z`);
  const offset = zoneOffset(guess, timeZone);
  return new Date(`${ymd}T${hms}${offset}`);
}
