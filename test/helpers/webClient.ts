import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { TINY_PNG } from '../browser/browser.js';

/** The phone number and order id the complaint helpers file (erasure tests look for them). */
export const PHONE = '13812345678';
export const ORDER_ID = '4402317789012345678';

type Json = Record<string, unknown>;
/** A case as the agent API returns it (the fields tests look at). */
export type CaseJson = Json & {
  status: string;
  events: { type: string }[];
  evidence: string[];
  transcript: { from: string; text: string }[];
};

async function call(url: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const { token, json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  return res;
}

/** Opens a web session at `base` (expecting 201) and returns its token. */
export async function openWebSession(base: string): Promise<string> {
  const res = await call(`${base}/api/web/session`, { method: 'POST', json: {} });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** A web chat user against a running kefu at `base`. */
export async function webUser(base: string) {
  const token = await openWebSession(base);
  const say = async (text: string, attachments?: { type: 'image'; url: string }[]) => {
    // With an idempotency key, as the widget sends (the server then remembers the turn's result).
    const clientMessageId = `m-${randomUUID()}`;
    const res = await call(`${base}/api/web/messages`, {
      method: 'POST',
      token,
      json: { text, attachments, clientMessageId },
    });
    if (res.status !== 200) throw new Error(`message answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
  };
  const upload = async (image = TINY_PNG) => {
    const res = await call(`${base}/api/web/uploads`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(image),
    });
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { url: string }).url;
  };
  /** Files a complete complaint with a photo and a phone number; returns the case id and photo URL. */
  const fileComplaint = async (orderId = ORDER_ID, phone = PHONE) => {
    const photo = await upload();
    await say(`吹风机坏了，订单号 ${orderId}，想换货`);
    await say('', [{ type: 'image', url: photo }]);
    await say(phone);
    const done = await say('确认提交');
    const caseId = /KF\d{8}-\w{4}/.exec(done)?.[0];
    if (!caseId) throw new Error(`no case id in ${done}`);
    return { caseId, photo };
  };
  const cases = async () =>
    ((await (await call(`${base}/api/web/cases`, { token })).json()) as { cases: Json[] }).cases;
  return { token, say, upload, fileComplaint, cases };
}

/** An agent (by token) against a running kefu at `base`. */
export function agentClient(base: string, token: string) {
  return {
    get: (path: string) => call(`${base}/api/agent${path}`, { token }),
    post: (path: string, body: unknown = {}) =>
      call(`${base}/api/agent${path}`, { method: 'POST', token, json: body }),
    delete: (path: string) => call(`${base}/api/agent${path}`, { method: 'DELETE', token }),
    /** A case as JSON, or throws. */
    async case(id: string): Promise<CaseJson> {
      const res = await call(`${base}/api/agent/cases/${id}`, { token });
      if (res.status !== 200) throw new Error(`case ${id}: ${res.status}`);
      return (
        (await res.json()) as {
          case: CaseJson;
        }
      ).case;
    },
  };
}
