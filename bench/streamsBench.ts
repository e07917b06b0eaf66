/**
 * Open widgets at scale (part of `npm run bench`): one kefu process (Redis mode, private
 * redis-server) holds 10,000 concurrent `GET /api/web/events` streams; prints the server's RSS
 * growth, then measures how long agents' replies take to reach one of those streams (agent API
 * POST → the SSE `message` event) while all of them are open.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSessions } from '../src/channels/web/webSessions.js';
import { MemoryKeyValueStore } from '../src/store/memory/memoryKv.js';
import {
  PRODUCTION_ENV,
  heapUsedMb,
  kefuEntry,
  percentile,
  rssMb,
  startRedis,
  startServer,
} from './procs.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const SECRET = 'bench-session-secret-0123456789abcdef';
const AGENT_TOKEN = 'bench-agent-token-0123456789';
const REPLIES_PER_USER = 20;
const USERS_WITH_CASES = 10;

/** A raw SSE client on its own socket (cheap enough to open ten thousand). */
function openStream(port: number, token: string, onData: (text: string) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        `GET /api/web/events?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    let opened = false;
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      if (!opened && text.includes(': connected')) {
        opened = true;
        resolve(socket);
      }
      onData(text);
    });
    socket.on('error', (err) => (opened ? undefined : reject(err)));
  });
}

export async function runStreamsBench(): Promise<void> {
  const redis = await startRedis();
  const kefu = await startServer(
    kefuEntry(),
    {
      ...PRODUCTION_ENV,
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: SECRET,
      AGENT_TOKENS: `bench:${AGENT_TOKEN}`,
      WEB_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    /kefu listening on port (\d+)/,
  );
  const sockets: Socket[] = [];
  try {
    const base = `http://127.0.0.1:${kefu.port}`;
    const sessions = await WebSessions.create(new MemoryKeyValueStore(), { secret: SECRET });
    // A few users open a case that an agent claims: their streams get the agent's replies.
    const agent = { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' };
    const handled: Array<{ token: string; caseId: string }> = [];
    for (let i = 0; i < USERS_WITH_CASES; i++) {
      const { token } = sessions.issue();
      const res = await fetch(`${base}/api/web/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '转人工' }),
      });
      const text = ((await res.json()) as { replies: { text: string }[] }).replies[0]?.text ?? '';
      const caseId = /KF\d{8}-\w{4}/.exec(text)?.[0] ?? '';
      await fetch(`${base}/api/agent/cases/${caseId}/claim`, { method: 'POST', headers: agent });
      handled.push({ token, caseId });
    }
    await sleep(5000);
    const before = rssMb([kefu.pid]);
    const heapBefore = await heapUsedMb(base);
    const started = Date.now();
    const waiting = new Map<string, (at: number) => void>();
    const watch = (text: string) => {
      for (const m of text.matchAll(/"text":"(bench-reply-\d+-\d+)"/g))
        waiting.get(m[1] ?? '')?.(performance.now());
    };
    const tokens = [
      ...handled.map((h) => h.token),
      ...Array.from({ length: STREAMS - handled.length }, () => sessions.issue().token),
    ];
    for (let i = 0; i < tokens.length; i += 500) {
      const batch = tokens.slice(i, i + 500);
      sockets.push(...(await Promise.all(batch.map((t) => openStream(kefu.port, t, watch)))));
    }
    const openMs = Date.now() - started;
    await sleep(5000); // subscriptions settle, the garbage of opening them is collected
    const after = rssMb([kefu.pid]);
    const heapAfter = await heapUsedMb(base);
    console.log(
      `\nOpen event streams: ${sockets.length} in one process (opened in ${(openMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  server RSS ${before.toFixed(0)} MB → ${after.toFixed(0)} MB: growth ${(after - before).toFixed(0)} MB (target < 200 MB), ${(((after - before) * 1024) / sockets.length).toFixed(1)} KB per stream; V8 heap in use ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MB`,
    );
    const latencies: number[] = [];
    for (let n = 0; n < REPLIES_PER_USER; n++) {
      for (const [u, h] of handled.entries()) {
        const text = `bench-reply-${u}-${n}`;
        const arrived = new Promise<number>((resolve) => waiting.set(text, resolve));
        const sent = performance.now();
        const res = await fetch(`${base}/api/agent/cases/${h.caseId}/messages`, {
          method: 'POST',
          headers: agent,
          body: JSON.stringify({ text }),
        });
        if (!res.ok) throw new Error(`agent reply failed: ${res.status} ${await res.text()}`);
        const at = await Promise.race([arrived, sleep(5000).then(() => NaN)]);
        waiting.delete(text);
        latencies.push(at - sent);
      }
    }
    const lost = latencies.filter((l) => Number.isNaN(l)).length;
    const got = latencies.filter((l) => !Number.isNaN(l));
    console.log(
      `  agent reply → SSE event with ${sockets.length} streams open: p50 ${percentile(got, 50).toFixed(1)} ms  p99 ${percentile(got, 99).toFixed(1)} ms  (target p99 < 200 ms; ${got.length} replies, ${lost} lost)`,
    );
    console.log(`  server RSS with the streams open after the replies: ${rssMb([kefu.pid]).toFixed(0)} MB`);
  } finally {
    for (const s of sockets) s.destroy();
    await kefu.stop();
    redis.stop();
  }
}
