import { z } from 'zod';

/** Channels a user can reach kefu on. `web` also covers the terminal chat. */
export const ChannelNameSchema = z.enum(['web', 'wechat', 'weibo']);
export type ChannelName = z.infer<typeof ChannelNameSchema>;

/** Where a conversation lives: one user on one channel. */
export interface ConversationRef {
  channel: ChannelName;
  userId: string;
}

/** Stable id of a conversation, used as store key and pub/sub topic. */
export function conversationId(ref: ConversationRef): string {
  return `${ref.channel}:${ref.userId}`;
}
