import type { KnownBlock } from '@slack/web-api';

/** A message kefu posts: plain `text` is the notification and fallback, `blocks` the layout. */
export interface SlackPost {
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  /** Post as a reply in this thread. */
  threadTs?: string;
}

/** Where a posted message lives (a case's thread is its root message). */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

/**
 * Extension point: the few Slack Web API methods the agent desk uses. The production
 * implementation is `@slack/web-api`'s WebClient (the one Botkit's workers also get as `bot.api`),
 * pointed at SLACK_API_BASE; tests run it against a local fake.
 */
export interface SlackApi {
  /** `chat.postMessage` */
  postMessage(post: SlackPost): Promise<SlackMessageRef>;
  /** `chat.update` of a message kefu posted. */
  update(ref: SlackMessageRef, text: string, blocks: KnownBlock[]): Promise<void>;
  /** The bot's own user id (`auth.test`, asked once on first need, never at start-up). */
  botUserId(): Promise<string>;
}
