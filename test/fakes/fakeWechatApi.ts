import type { AddressInfo } from 'node:net';
import express from 'express';

/** A recorded customer-service message. */
export interface SentMessage {
  accessToken: string;
  touser: string;
  content: string;
}

/**
 * A local stand-in for WeChat's API (`/cgi-bin/token`, `/cgi-bin/message/custom/send`), recording
 * calls, with switches for the failures kefu must survive.
 */
export async function startFakeWechatApi(
  options: { appId?: string; secret?: string; tokenDelayMs?: number } = {},
) {
  const state = {
    tokenFetches: 0,
    sent: [] as SentMessage[],
    /** Reject the next send with 40001 (token invalid) once. */
    invalidTokenOnce: false,
    /** Reject sends with this errcode (e.g. 45015, the 48-hour window). */
    failSendsWith: undefined as number | undefined,
  };
  let issued = 0;
  const app = express();
  app.use(express.json());
  app.get('/cgi-bin/token', async (req, res) => {
    state.tokenFetches += 1;
    if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
    if (
      req.query.appid !== (options.appId ?? 'wx-test-app') ||
      req.query.secret !== (options.secret ?? 'test-secret')
    ) {
      res.json({ errcode: 40013, errmsg: 'invalid appid' });
      return;
    }
    issued += 1;
    res.json({ access_token: `token-${issued}`, expires_in: 7200 });
  });
  app.post('/cgi-bin/message/custom/send', (req, res) => {
    const accessToken = typeof req.query.access_token === 'string' ? req.query.access_token : '';
    if (state.invalidTokenOnce) {
      state.invalidTokenOnce = false;
      res.json({ errcode: 40001, errmsg: 'invalid credential' });
      return;
    }
    if (state.failSendsWith) {
      res.json({
        errcode: state.failSendsWith,
        errmsg: 'response out of time limit or subscription is canceled',
      });
      return;
    }
    const body = req.body as { touser?: string; text?: { content?: string } };
    state.sent.push({ accessToken, touser: body.touser ?? '', content: body.text?.content ?? '' });
    res.json({ errcode: 0, errmsg: 'ok' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
