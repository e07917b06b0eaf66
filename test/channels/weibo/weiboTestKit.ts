/**
 * In-process harness for the Weibo channel tests: the adapter's router mounted at /weibo on an
 * express app with the real error handler, on an ephemeral port; a memory store; a scripted
 * turn runner; the fake Weibo reply API.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { pino } from 'pino';
import { createWeiboAdapter } from '../../../src/channels/weibo/weiboAdapter.js';
import type { ChannelAdapter } from '../../../src/channels/registry.js';
import type { TurnResult } from '../../../src/engine/context.js';
import type { InboundMessage, Reply } from '../../../src/domain/message.js';
import { newConversationState } from '../../../src/engine/state.js';
import type { RunTurn } from '../../../src/engine/turnRunner.js';
import { createErrorHandler } from '../../../src/http/errorHandler.js';
import { Metrics } from '../../../src/observability/metrics.js';
import type { KeyValueStore, Store } from '../../../src/store/types.js';

export const APP_SECRET = 'test-weibo-app-secret';
export const ACCESS_TOKEN = 'test-weibo-access-token';
/** Our account in the fixtures (`receiver_id`) and the user who writes (`sender_id`). */
export const ACCOUNT_ID = '1902538057';
export const USER_ID = '2489518277';

const STORE_MODULE = new URL('../../../src/store/createStore.ts', import.meta.url);

/** Minimal KV with SET NX EX semantics, used only while src/store/createStore.ts does not exist yet. */
function stopgapKv(): KeyValueStore {
  const data = new Map<string, { value: string; expires: number }>();
  const live = (key: string) => {
    const e = data.get(key);
    if (e && e.expires <= Date.now()) data.delete(key);
    return data.get(key);
  };
  return {
    get: (key) => Promise.resolve(live(key)?.value),
    set: (key, value, o = {}) => {
      if (o.onlyIfAbsent && live(key)) return Promise.resolve(false);
      data.set(key, { value, expires: o.ttlSeconds ? Date.now() + o.ttlSeconds * 1000 : Infinity });
      return Promise.resolve(true);
    },
    delete: (key) => Promise.resolve(void data.delete(key)),
    increment: (key, ttl) => {
      const next = Number(live(key)?.value ?? 0) + 1;
      data.set(key, { value: String(next), expires: live(key)?.expires ?? Date.now() + ttl * 1000 });
      return Promise.resolve(next);
    },
    deleteIfEquals: (key, value) => Promise.resolve(live(key)?.value === value && data.delete(key)),
    expireIfEquals: (key, value, ttl) => {
      const e = live(key);
      if (e?.value !== value) return Promise.resolve(false);
      e.expires = Date.now() + ttl * 1000;
      return Promise.resolve(true);
    },
    deleteByPrefix: (prefix) => {
      const keys = [...data.keys()].filter((k) => k.startsWith(prefix));
      for (const k of keys) data.delete(k);
      return Promise.resolve(keys.length);
    },
  };
}

/** The memory store from src/store/createStore.ts (polled for while another engineer writes it). */
export async function memoryKv(
  waitMs = Number(process.env.WEIBO_TEST_STORE_WAIT_MS ?? 0),
): Promise<{ kv: KeyValueStore; close: () => Promise<void> }> {
  const deadline = Date.now() + waitMs;
  while (!existsSync(fileURLToPath(STORE_MODULE)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 500));
  if (!existsSync(fileURLToPath(STORE_MODULE))) return { kv: stopgapKv(), close: () => Promise.resolve() };
  const mod = (await import(STORE_MODULE.href)) as {
    createStore: (options: object) => Store | Promise<Store>;
  };
  const store = await mod.createStore({});
  return { kv: store.kv, close: () => store.close() };
}

/** A turn runner the test controls: records messages, answers with `answer(msg)` after `delayMs`. */
export interface ScriptedTurn {
  runTurn: RunTurn;
  calls: InboundMessage[];
}

export function scriptedTurn(answer: (msg: InboundMessage) => Reply[] = () => [], delayMs = 0): ScriptedTurn {
  const calls: InboundMessage[] = [];
  const runTurn: RunTurn = async (msg) => {
    calls.push(msg);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const result: TurnResult = {
      replies: answer(msg),
      intent: 'other',
      state: newConversationState(new Date().toISOString()),
    };
    return result;
  };
  return { runTurn, calls };
}

export interface WeiboHarness {
  /** e.g. http://127.0.0.1:40000/weibo */
  webhookUrl: string;
  adapter: ChannelAdapter;
  metrics: Metrics;
  kv: KeyValueStore;
  close(): Promise<void>;
}

export async function startWeiboHarness(opts: {
  runTurn: RunTurn;
  apiBase?: string;
  accessToken?: string | null;
  replyDeadlineMs?: number;
  timestampWindowSeconds?: number;
}): Promise<WeiboHarness> {
  const log = pino({ level: 'silent' });
  const metrics = new Metrics({ defaultMetrics: false });
  const store = await memoryKv();
  const adapter = createWeiboAdapter(
    {
      appSecret: APP_SECRET,
      accessToken: opts.accessToken === null ? undefined : (opts.accessToken ?? ACCESS_TOKEN),
      apiBase: opts.apiBase ?? 'http://127.0.0.1:9',
    },
    {
      runTurn: opts.runTurn,
      kv: store.kv,
      log,
      metrics,
      timestampWindowSeconds: opts.timestampWindowSeconds ?? 300,
      replyDeadlineMs: opts.replyDeadlineMs,
    },
  );
  const app = express();
  app.use(adapter.mountPath!, adapter.router!);
  app.use(createErrorHandler(log));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/weibo`,
    adapter,
    metrics,
    kv: store.kv,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** A fixture from src/channels/weibo/fixtures, parsed (raw JSON as Weibo sends it). */
export function fixture(name: string): Record<string, unknown> {
  const file = new URL(`../../../src/channels/weibo/fixtures/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

let seq = 0;
/** A fixture with fields overridden and a fresh `created_at` (so dedupe never joins two tests). */
export function push(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  const t = new Date(Date.UTC(2012, 6, 16, 10, 0, 0) + seq * 1000);
  const hms = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return { ...fixture(name), created_at: `Mon Jul 16 ${hms} +0800 2012`, ...overrides };
}

/** Outcome counts of the webhook metric, for assertions. */
export async function outcomes(metrics: Metrics): Promise<Record<string, number>> {
  const metric = await metrics.webhookRequests.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.outcome), v.value]));
}
