import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scrubDigits, createLogger } from '../../src/observability/logger.js';

const PHONE = '13812345678';
const ORDER = '4402317789012345678';
const TOKEN = 'w_s3cr3tSessionToken.SIGNATURExyz';

/** The production logger writing into memory: what an operator would read. */
function capture(options: { unredacted?: boolean } = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    log: createLogger({ level: 'info', destination: sink, ...options }),
    output: () => lines.join(''),
  };
}

/** Personal data in every place kefu's code puts it: fields, nested fields, requests, free text. */
function logEverything(log: ReturnType<typeof createLogger>): void {
  log.info(
    { text: `我的手机 ${PHONE}`, orderId: ORDER, msg: { text: 'secret words' }, contact: PHONE },
    `user ${PHONE} wrote about order ${ORDER}`,
  );
  log.warn({ case: { orderId: ORDER, contact: PHONE, description: `订单 ${ORDER} 坏了` } }, 'case');
  log.info(
    {
      token: TOKEN,
      session: { token: TOKEN },
      wechat: { accessToken: TOKEN },
      req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: `s=${TOKEN}` }, query: { token: TOKEN } },
    },
    'request',
  );
  log.error({ err: new Error(`delivery failed for ${PHONE}`) }, `order ${ORDER}: failed`);
}

describe('logs redact personal data by default', () => {
  it('createLogger never writes a phone number, an order id or a token', () => {
    const { log, output } = capture();
    logEverything(log);
    const out = output();
    expect(out.split('\n').filter(Boolean).length).toBe(4);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain(ORDER);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('secret words');
    expect(out).toContain('[redacted]');
    expect(out).toContain('[number]');
  });

  it('LOG_UNREDACTED writes them (so the test above can fail)', () => {
    const { log, output } = capture({ unredacted: true });
    logEverything(log);
    expect(output()).toContain(PHONE);
    expect(output()).toContain(TOKEN);
  });

  it('scrubs numbers in free text', () => {
    expect(scrubDigits('call 400-860-8608 or 13812345678')).toBe('call [number] or [number]');
  });
});
