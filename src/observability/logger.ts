import { pino, type Logger } from 'pino';

/** Paths whose values are personal data or message text: replaced by "[redacted]" in logs. */
export const REDACT_PATHS = [
  'text',
  'note',
  'orderId',
  'contact',
  'phone',
  'description',
  'body',
  'userId',
  '*.text',
  '*.note',
  '*.orderId',
  '*.contact',
  '*.phone',
  '*.description',
  '*.body',
  '*.userId',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.query.token',
  'headers.authorization',
];

const LONG_DIGITS = /(?<!\d)(?:\+?86[ -]?)?\d(?:[ -]?\d){6,}(?!\d)/g;

/** Masks phone and order numbers that slipped into a free-text log message. */
export function scrubDigits(message: string): string {
  return message.replace(LONG_DIGITS, '[number]');
}

export type { Logger };

/**
 * The process logger (pino, JSON lines). Personal data is redacted by default; set
 * LOG_UNREDACTED=1 only on a developer's machine.
 */
export function createLogger(options: { level?: string; unredacted?: boolean } = {}): Logger {
  if (options.unredacted) return pino({ level: options.level ?? 'info' });
  return pino({
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubDigits(a) : a)) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  });
}
