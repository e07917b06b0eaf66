import type { AddressInfo } from 'node:net';
import express from 'express';

/** One recorded Web API call: the method and its arguments (`blocks` parsed from JSON). */
export interface SlackCall {
  method: 'chat.postMessage' | 'chat.update' | 'auth.test';
  token: string;
  args: Record<string, unknown> & { channel?: string; text?: string; ts?: string; thread_ts?: string };
  blocks?: unknown[];
  /** The ts the fake gave a posted message. */
  ts?: string;
}

/**
 * A local stand-in for Slack's Web API (`/api/chat.postMessage`, `/api/chat.update`,
 * `/api/auth.test`) recording every call, with switches for failures kefu must survive.
 */
export async function startFakeSlackApi(options: { token: string; botUserId?: string }) {
  const state = {
    calls: [] as SlackCall[],
    /** auth.test answers `invalid_auth` while set. */
    failAuthTest: false,
    /** chat.postMessage answers this error while set. */
    failPostMessageWith: undefined as string | undefined,
  };
  let seq = 0;
  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());
  const record = (method: SlackCall['method'], req: express.Request): SlackCall => {
    const args = { ...(req.body as Record<string, unknown>) };
    const token = (req.header('authorization') ?? '').replace(/^Bearer /, '');
    const blocks = typeof args.blocks === 'string' ? (JSON.parse(args.blocks) as unknown[]) : undefined;
    const call: SlackCall = { method, token, args, ...(blocks ? { blocks } : {}) };
    state.calls.push(call);
    return call;
  };
  const authorized = (call: SlackCall, res: express.Response): boolean => {
    if (call.token === options.token) return true;
    res.json({ ok: false, error: 'invalid_auth' });
    return false;
  };
  app.post('/api/auth.test', (req, res) => {
    const call = record('auth.test', req);
    if (!authorized(call, res)) return;
    if (state.failAuthTest) {
      res.json({ ok: false, error: 'invalid_auth' });
      return;
    }
    res.json({ ok: true, user_id: options.botUserId ?? 'UKEFUBOT', team_id: 'T0KEFU', bot_id: 'BKEFU' });
  });
  app.post('/api/chat.postMessage', (req, res) => {
    const call = record('chat.postMessage', req);
    if (!authorized(call, res)) return;
    if (state.failPostMessageWith) {
      res.json({ ok: false, error: state.failPostMessageWith });
      return;
    }
    seq += 1;
    const ts = `1764000000.${String(seq).padStart(6, '0')}`;
    call.ts = ts;
    res.json({ ok: true, channel: call.args.channel, ts, message: { text: call.args.text, ts } });
  });
  app.post('/api/chat.update', (req, res) => {
    const call = record('chat.update', req);
    if (!authorized(call, res)) return;
    res.json({ ok: true, channel: call.args.channel, ts: call.args.ts, text: call.args.text });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    /** Calls of one method, optionally only those in one thread. */
    calls(method: SlackCall['method'], threadTs?: string): SlackCall[] {
      return state.calls.filter(
        (c) => c.method === method && (threadTs === undefined || c.args.thread_ts === threadTs),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
