import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS, scrubDigits, createLogger } from '../../src/observability/logger.js';

describe('logs redact personal data by default', () => {
  it('replaces message text, order numbers and phones in fields and free text', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(
      {
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        hooks: {
          logMethod(args, method) {
            method.apply(this, args.map((a) => (typeof a === 'string' ? scrubDigits(a) : a)) as typeof args);
          },
        },
      },
      sink,
    );
    log.info(
      { text: '我的手机 13812345678', orderId: '4402317789012345678', msg: { text: 'secret' } },
      'user 13812345678 wrote about order 4402317789012345678',
    );
    const out = lines.join('');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('4402317789012345678');
    expect(out).not.toContain('secret');
    expect(out).toContain('[redacted]');
    expect(out).toContain('[number]');
  });

  it('the production logger is built with the same redaction', () => {
    expect(createLogger({ level: 'silent' })).toBeDefined();
    expect(scrubDigits('call 400-860-8608 or 13812345678')).toBe('call [number] or [number]');
  });
});
