import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { closeAllSse, HEARTBEAT_MS, openSse } from '../../src/http/sse.js';

describe('SSE streams', () => {
  it('send a heartbeat comment every period (25 s by default), shared by all streams, and end on shutdown with a retry hint', async () => {
    expect(HEARTBEAT_MS).toBe(25_000);
    const app = express();
    app.get('/s', async (req, res) => {
      const stream = openSse(req, res, { heartbeatMs: 100 });
      await stream.closed;
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const read = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/s`);
      const reader = res.body!.getReader();
      let text = '';
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += decoder.decode(value);
        if ((text.match(/: ping/g) ?? []).length >= 2) closeAllSse(1000);
      }
    };
    const [a, b] = await Promise.all([read(), read()]);
    for (const text of [a, b]) {
      expect((text.match(/: ping/g) ?? []).length).toBeGreaterThanOrEqual(2);
      expect(text).toContain('retry: 1000');
    }
    server.close();
  });
});
