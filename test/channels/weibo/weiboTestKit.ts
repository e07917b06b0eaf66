/**
 * In-process harness for the Weibo channel tests: the adapter's router mounted at /weibo on an
 * express app with the real error handler, on an ephemeral port; a memory store; a scripted
 * turn runner; the fake Weibo reply API.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { createMemoryStore } from '../../../src/store/createStore.js';
import type { KeyValueStore } from '../../../src/store/types.js';

export const APP_SECRET = 'test-weibo-app-secret';
export const ACCESS_TOKEN = 'test-weibo-access-token';
/** Our account in the fixtures (`receiver_id`) and the user who writes (`sender_id`). */
export const ACCOUNT_ID = '1902538057';
export const USER_ID = '2489518277';

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
  const store = createMemoryStore();
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
