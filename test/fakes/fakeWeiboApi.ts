/**
 * The Weibo side of the Weibo channel, for tests: a fake reply API server
 * (`POST /2/messages/reply.json`, form-encoded, recording what it receives, with a switch to
 * answer errors the way Weibo does) and helpers that play Weibo's push server (signed query
 * strings, pushes, decoding passive replies). Independent of src/ on purpose: the signature is
 * computed here again, so a bug in the adapter's signing cannot hide itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** One call of the reply API as the fake received it. */
export interface RecordedWeiboReply {
  accessToken: string;
  receiverId: string;
  type: string;
  /** The form field `data` after form decoding (JSON text per the docs). */
  data: string;
  saveSenderBox?: string;
  /** `text` of the JSON in `data`, when it is `{"text": string}`. */
  text?: string;
  /** Date.now() when received. */
  at: number;
}

/** How the fake fails: an HTTP status and Weibo's error JSON `{request, error_code, error}`. */
export interface WeiboApiFailure {
  status: number;
  errorCode: number;
  error: string;
}

export interface FakeWeiboApi {
  /** Base URL to use as WEIBO_API_BASE, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly baseUrl: string;
  /** Successful and failed calls, in arrival order. */
  readonly replies: RecordedWeiboReply[];
  /** From now on, answer every call with this error (`null`: succeed again). */
  failWith(failure: WeiboApiFailure | null): void;
  /** Resolves once at least `count` calls arrived (rejects after `timeoutMs`, default 5 s). */
  waitForReplies(count: number, timeoutMs?: number): Promise<RecordedWeiboReply[]>;
  /** Forgets recorded calls and any failure switch. */
  reset(): void;
  close(): Promise<void>;
}

/** Weibo error codes the fake uses (from Weibo's public error-code table). */
export const WEIBO_ERRORS = {
  missingParameter: { status: 400, errorCode: 10016, error: 'miss required parameter' },
  invalidParameter: { status: 400, errorCode: 10017, error: "parameter's value invalid" },
  invalidAccessToken: { status: 401, errorCode: 21332, error: 'invalid_access_token' },
  expiredToken: { status: 401, errorCode: 21327, error: 'expired_token' },
} as const satisfies Record<string, WeiboApiFailure>;

function decodeText(data: string): string | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string')
      return value.text;
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * Starts the fake reply API on 127.0.0.1, port 0. With `accessToken` set, other tokens get
 * `invalid_access_token`. Texts of 300 characters or more are refused like Weibo does.
 */
export async function startFakeWeiboApi(options: { accessToken?: string } = {}): Promise<FakeWeiboApi> {
  const replies: RecordedWeiboReply[] = [];
  const waiters: { count: number; resolve: (r: RecordedWeiboReply[]) => void }[] = [];
  let failure: WeiboApiFailure | null = null;

  const app = express();
  app.post('/2/messages/reply.json', express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string): string | undefined =>
      typeof form[name] === 'string' ? form[name] : undefined;
    const data = field('data') ?? '';
    const recorded: RecordedWeiboReply = {
      accessToken: field('access_token') ?? '',
      receiverId: field('receiver_id') ?? '',
      type: field('type') ?? '',
      data,
      saveSenderBox: field('save_sender_box'),
      text: decodeText(data),
      at: Date.now(),
    };
    replies.push(recorded);
    for (const w of waiters.filter((w) => replies.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve([...replies]);
    }
    const fail = (f: WeiboApiFailure): void => {
      res
        .status(f.status)
        .json({ request: '/2/messages/reply.json', error_code: f.errorCode, error: f.error });
    };
    if (failure) return fail(failure);
    if (!recorded.accessToken || !recorded.receiverId || !recorded.type || !data)
      return fail(WEIBO_ERRORS.missingParameter);
    if (options.accessToken && recorded.accessToken !== options.accessToken)
      return fail(WEIBO_ERRORS.invalidAccessToken);
    if (!/^\d+$/.test(recorded.receiverId) || recorded.type !== 'text')
      return fail(WEIBO_ERRORS.invalidParameter);
    if (recorded.text === undefined || Array.from(recorded.text).length >= 300)
      return fail(WEIBO_ERRORS.invalidParameter);
    res.json({
      id: replies.length,
      created_at: new Date().toUTCString(),
      text: recorded.text,
      sender_id: 1902538057,
      recipient_id: Number(recorded.receiverId),
    });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    replies,
    failWith(f) {
      failure = f;
    },
    waitForReplies(count, timeoutMs = 5000) {
      if (replies.length >= count) return Promise.resolve([...replies]);
      return new Promise((resolve, reject) => {
        const waiter = {
          count,
          resolve: (r: RecordedWeiboReply[]) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake Weibo API: expected ${count} replies, got ${replies.length}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    reset() {
      replies.length = 0;
      failure = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Weibo's signature: SHA-1 hex of sorted, concatenated [appSecret, timestamp, nonce]. */
export function weiboTestSignature(appSecret: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([appSecret, timestamp, nonce].sort().join('')).digest('hex');
}

/** A signed query string as Weibo's push server sends it (timestamp in ms; fresh random nonce). */
export function signedWeiboQuery(
  appSecret: string,
  opts: { timestamp?: number | string; nonce?: string; echostr?: string } = {},
): URLSearchParams {
  const timestamp = String(opts.timestamp ?? Date.now());
  const nonce = opts.nonce ?? String(randomBytes(4).readUInt32BE());
  const query = new URLSearchParams({
    signature: weiboTestSignature(appSecret, timestamp, nonce),
    timestamp,
    nonce,
  });
  if (opts.echostr !== undefined) query.set('echostr', opts.echostr);
  return query;
}

/** An HTTP answer of the webhook. */
export interface WebhookAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Posts a push to a mounted Weibo webhook (e.g. `http://127.0.0.1:port/weibo`). `body` is sent
 * as JSON unless it is already a string/Buffer. Pass `query` to reuse or forge parameters.
 */
export async function postWeiboPush(
  webhookUrl: string,
  appSecret: string,
  body: unknown,
  opts: { query?: URLSearchParams; contentType?: string } = {},
): Promise<WebhookAnswer> {
  const query = opts.query ?? signedWeiboQuery(appSecret);
  const payload =
    typeof body === 'string' ? body : Buffer.isBuffer(body) ? Uint8Array.from(body) : JSON.stringify(body);
  const res = await fetch(`${webhookUrl}?${query.toString()}`, {
    method: 'POST',
    headers: { 'Content-Type': opts.contentType ?? 'application/json' },
    body: payload,
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A passive reply decoded: who gets it, from which account, and its text. */
export interface DecodedPassiveReply {
  result: unknown;
  receiverId: string;
  senderId: string;
  type: string;
  text: string;
}

/** Decodes a webhook's passive reply (`data` = URL-encoded JSON `{text}`); `null` for an empty answer. */
export function decodePassiveReply(answerText: string): DecodedPassiveReply | null {
  if (answerText === '') return null;
  const body = JSON.parse(answerText) as {
    result?: unknown;
    receiver_id?: unknown;
    sender_id?: unknown;
    type?: unknown;
    data?: unknown;
  };
  const data = JSON.parse(decodeURIComponent(String(body.data))) as { text?: unknown };
  return {
    result: body.result,
    receiverId: String(body.receiver_id),
    senderId: String(body.sender_id),
    type: String(body.type),
    text: String(data.text),
  };
}
