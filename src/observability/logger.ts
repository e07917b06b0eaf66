import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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
  'token',
  'accessToken',
  '*.text',
  '*.note',
  '*.orderId',
  '*.contact',
  '*.phone',
  '*.description',
  '*.body',
  '*.userId',
  '*.token',
  '*.accessToken',
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

function scrubbedError(err: Error): ReturnType<typeof pino.stdSerializers.err> {
  const out = pino.stdSerializers.err(err);
  out.message = scrubDigits(out.message);
  if (typeof out.stack === 'string') out.stack = scrubDigits(out.stack);
  return out;
}

/**
 * The process logger (pino, JSON lines). Personal data is redacted by default; set
 * LOG_UNREDACTED=1 only on a developer's machine. `destination` defaults to standard output.
 */
export function createLogger(
  options: { level?: string; unredacted?: boolean; destination?: DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = options.unredacted
    ? { level: options.level ?? 'info' }
    : {
        level: options.level ?? 'info',
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        // An error's message and stack may quote what the user sent (an upstream API echoing a number).
        serializers: { err: scrubbedError },
        hooks: {
          logMethod(args, method) {
            const scrubbed = args.map((a) => (typeof a === 'string' ? scrubDigits(a) : a)) as typeof args;
            method.apply(this, scrubbed);
          },
        },
      };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
