/**
 * WeChat webhook under load (part of `npm run bench`): answer time when every turn takes 30 s
 * (WeChat gives up after 5 s), and throughput of plain-mode text messages. Runs kefu in-process
 * on the memory store with a fake WeChat API.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createKefu } from '../src/kefu.js';
import type { Nlu } from '../src/nlu/types.js';
import { createMemoryStore } from '../src/store/createStore.js';
import { startFakeWechatApi } from '../test/fakes/fakeWechatApi.js';

const TOKEN = 'bench-wechat-token';

function signedPath(): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha1').update([TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  return `/wechat?timestamp=${timestamp}&nonce=${nonce}&signature=${signature}`;
}
let seq = 0;
function messageXml(text: string): string {
  seq += 1;
  const msgId = `${Date.now()}${String(seq).padStart(6, '0')}`;
  return `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-bench-${seq % 200}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

async function start(nlu?: Nlu) {
  const api = await startFakeWechatApi({ appId: 'wx-bench', secret: 'bench-secret' });
  const config = loadConfig({
    WECHAT_TOKEN: TOKEN,
    WECHAT_APPID: 'wx-bench',
    WECHAT_APPSECRET: 'bench-secret',
    WECHAT_API_BASE: api.baseUrl,
    AGENT_TOKENS: 'b:bench-agent-token-000001',
  });
  const kefu = await createKefu({ config, log: pino({ level: 'silent' }), store: createMemoryStore(), nlu });
  const server = kefu.app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await kefu.close();
      await api.close();
    },
  };
}

export async function runWebhookBench(): Promise<void> {
  // 1. Every turn takes 30 s: WeChat must still hear back within 5 s.
  const slowNlu: Nlu = {
    name: 'slow',
    interpret: () =>
      new Promise((_, reject) => setTimeout(() => reject(new Error('30 s turn')), 30_000).unref()),
  };
  const slow = await start(slowNlu);
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      const t0 = performance.now();
      const res = await fetch(slow.base + signedPath(), { method: 'POST', body: messageXml('投诉电话多少') });
      await res.text();
      times.push(performance.now() - t0);
    }),
  );
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log('\nWeChat webhook with a 30 s turn (100 concurrent messages)');
  console.log(
    `  answer time p50 ${(p(0.5) / 1000).toFixed(2)} s  p99 ${(p(0.99) / 1000).toFixed(2)} s  (must stay under 5 s)`,
  );
  await slow.stop();

  // 2. Plain-mode throughput with the real engine.
  const fast = await start();
  const result = await autocannon({
    url: fast.base,
    connections: 50,
    duration: Number(process.env.BENCH_DURATION_S ?? 10),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: signedPath(),
          body: messageXml('天猫投诉电话打过去要收费吗？'),
        }),
      },
    ],
  });
  console.log('WeChat plain-mode text messages (50 connections, real engine, memory store)');
  console.log(
    `  ${result.requests.average.toFixed(0)} msg/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${result.non2xx} non-2xx)`,
  );
  await fast.stop();
}
