import type { DeliveryResult } from '../../domain/message.js';
import type { Logger } from '../../observability/logger.js';

/** Sends texts to a Weibo user outside a push's HTTP answer (客服消息 messages/reply). */
export interface WeiboReplyApi {
  /** Sends the parts in order, one message each; stops at the first failure. */
  sendTexts(userId: string, parts: readonly string[]): Promise<DeliveryResult>;
}

export interface WeiboReplyApiOptions {
  /** e.g. https://m.api.weibo.com (the docs' host for 2/messages/reply.json); no trailing slash. */
  apiBase: string;
  accessToken?: string;
  fetch?: typeof fetch;
  log: Logger;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

/** Path of the customer-service reply API, relative to the API base. */
export const WEIBO_REPLY_PATH = '/2/messages/reply.json';

interface WeiboErrorBody {
  error_code?: unknown;
  error?: unknown;
}

function describeError(status: number, body: WeiboErrorBody | undefined): string {
  const raw = body?.error_code;
  const code = typeof raw === 'number' || typeof raw === 'string' ? ` ${String(raw).slice(0, 32)}` : '';
  const message = typeof body?.error === 'string' ? ` ${body.error.slice(0, 200)}` : '';
  return `weibo error${code}${message} (HTTP ${status})`;
}

function parseBody(text: string): WeiboErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const body: WeiboErrorBody = value;
    return body;
  } catch {
    return undefined;
  }
}

/**
 * The reply API: `POST {apiBase}/2/messages/reply.json`, form-encoded `access_token`,
 * `receiver_id`, `type=text`, `data` = JSON `{"text": …}` (URL-encoded once, by the form
 * encoding, as in the docs' curl example) and `save_sender_box=0`. An HTTP error or an
 * `error_code` in the JSON answer is a failed delivery, never a throw. The access token never
 * appears in results or logs.
 */
export function createWeiboReplyApi(options: WeiboReplyApiOptions): WeiboReplyApi {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.apiBase.replace(/\/$/, '')}${WEIBO_REPLY_PATH}`;

  const sendOne = async (accessToken: string, userId: string, text: string): Promise<DeliveryResult> => {
    const form = new URLSearchParams({
      access_token: accessToken,
      receiver_id: userId,
      type: 'text',
      data: JSON.stringify({ text }),
      save_sender_box: '0',
    });
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const reason =
        err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : String(err);
      return { ok: false, error: `weibo error: request failed (${reason})` };
    }
    const body = parseBody(await response.text().catch(() => ''));
    if (
      !response.ok ||
      (body?.error_code !== undefined && body.error_code !== 0 && body.error_code !== '0')
    ) {
      return { ok: false, error: describeError(response.status, body) };
    }
    return { ok: true };
  };

  return {
    async sendTexts(userId, parts) {
      const accessToken = options.accessToken;
      if (!accessToken) return { ok: false, error: 'WEIBO_ACCESS_TOKEN not configured' };
      if (!/^\d{1,20}$/.test(userId)) return { ok: false, error: 'weibo error: invalid user id' };
      for (const [index, text] of parts.entries()) {
        const result = await sendOne(accessToken, userId, text);
        if (!result.ok) {
          options.log.warn(
            { channel: 'weibo', part: index + 1, parts: parts.length, error: result.error },
            'weibo reply API failed',
          );
          return result;
        }
      }
      return { ok: true };
    },
  };
}
