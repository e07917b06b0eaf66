import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { KnownBlock } from '@slack/web-api';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { AuthTestSchema, PostedMessageSchema } from './slackPayloads.js';
import type { SlackApi, SlackMessageRef, SlackPost } from './slackApi.js';

/** The WebClient's own log lines go to pino (warnings and errors only, never message bodies). */
function slackLogger(log: Logger): SlackLogger {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      log[level](
        { component: 'slack-web-api' },
        msg.map((m) => (typeof m === 'string' ? m : '[object]')).join(' '),
      );
    };
  return {
    debug: forward('debug'),
    info: forward('debug'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

/**
 * SlackApi over `@slack/web-api`'s WebClient against `<apiBase>/api/` with short timeouts and no
 * retries (Slack calls happen in the background; a failure is logged, not retried for minutes).
 * The client is also what Botkit's workers get as `bot.api`.
 */
export class SlackWebApi implements SlackApi {
  readonly client: WebClient;
  private ownUserId?: Promise<string>;

  constructor(options: { token: string; apiBase: string; log: Logger; timeoutMs?: number }) {
    this.client = new WebClient(options.token, {
      slackApiUrl: `${options.apiBase}/api/`,
      logger: slackLogger(options.log),
      logLevel: LogLevel.WARN,
      timeout: options.timeoutMs ?? 5000,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  }

  async postMessage(post: SlackPost): Promise<SlackMessageRef> {
    const result = await this.call('chat.postMessage', () =>
      this.client.chat.postMessage({
        channel: post.channel,
        text: post.text,
        ...(post.blocks ? { blocks: post.blocks } : {}),
        ...(post.threadTs ? { thread_ts: post.threadTs } : {}),
        unfurl_links: false,
      }),
    );
    const parsed = PostedMessageSchema.safeParse(result);
    if (!parsed.success) throw new UpstreamError('chat.postMessage answered without channel and ts');
    return { channel: parsed.data.channel, ts: parsed.data.ts };
  }

  async update(ref: SlackMessageRef, text: string, blocks: KnownBlock[]): Promise<void> {
    await this.call('chat.update', () =>
      this.client.chat.update({ channel: ref.channel, ts: ref.ts, text, blocks }),
    );
  }

  botUserId(): Promise<string> {
    this.ownUserId ??= this.call('auth.test', () => this.client.auth.test()).then((raw) => {
      const parsed = AuthTestSchema.safeParse(raw);
      if (!parsed.success) throw new UpstreamError('auth.test answered without user_id');
      return parsed.data.user_id;
    });
    // A failed lookup is asked again next time (never cached, never fatal).
    this.ownUserId.catch(() => (this.ownUserId = undefined));
    return this.ownUserId;
  }

  private async call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new UpstreamError(`slack ${method} failed: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }
}
