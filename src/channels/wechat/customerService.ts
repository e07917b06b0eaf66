import { z } from 'zod';
import type { DeliveryResult } from '../../domain/message.js';
import type { AccessTokenProvider } from './accessToken.js';

const Reply = z.object({ errcode: z.number().default(0), errmsg: z.string().optional() });
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);
const MAX_BYTES = 2000;

/** Splits text into parts of at most `maxBytes` UTF-8 bytes, at line breaks where possible. */
export function splitByBytes(text: string, maxBytes = MAX_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    if (Buffer.byteLength(current + ch) > maxBytes) {
      const cut = current.lastIndexOf('\n');
      if (cut > current.length / 2) {
        parts.push(current.slice(0, cut));
        current = current.slice(cut + 1);
      } else {
        parts.push(current);
        current = '';
      }
    }
    current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Sends text through the customer-service API (`/cgi-bin/message/custom/send`), used after the
 * 5-second deadline and for agents' messages. A rejected token is refreshed and the send retried
 * once; other WeChat errors (e.g. 45015, outside the 48-hour window) come back as the result.
 */
export class CustomerServiceSender {
  constructor(private readonly deps: { apiBase: string; tokens: AccessTokenProvider; fetch: typeof fetch }) {}

  async sendText(openId: string, text: string): Promise<DeliveryResult> {
    for (const part of splitByBytes(text)) {
      const result = await this.sendPart(openId, part);
      if (!result.ok) return result;
    }
    return { ok: true };
  }

  private async sendPart(openId: string, content: string, retried = false): Promise<DeliveryResult> {
    const token = await this.deps.tokens.get();
    const res = await this.deps.fetch(
      `${this.deps.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: openId, msgtype: 'text', text: { content } }),
        signal: AbortSignal.timeout(5000),
      },
    );
    const body = Reply.safeParse(
      await res.json().catch(() => ({ errcode: -1, errmsg: `HTTP ${res.status}` })),
    );
    const errcode = body.success ? body.data.errcode : -1;
    if (errcode === 0 && res.ok) return { ok: true };
    if (TOKEN_ERRORS.has(errcode) && !retried) {
      await this.deps.tokens.invalidate();
      return this.sendPart(openId, content, true);
    }
    return {
      ok: false,
      error:
        `wechat errcode ${errcode}: ${body.success ? (body.data.errmsg ?? '') : `HTTP ${res.status}`}`.trim(),
    };
  }
}
