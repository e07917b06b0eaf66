import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundMessage } from '../../domain/message.js';

const Id = z.string().min(1).max(128);

/** The fields kefu reads from a WeChat message (zod strips everything else). */
export const WechatMessageSchema = z.object({
  ToUserName: Id,
  FromUserName: Id,
  CreateTime: z.string().regex(/^\d{1,12}$/, 'CreateTime must be seconds'),
  MsgType: z.string().min(1).max(32),
  MsgId: z
    .string()
    .regex(/^\d{1,24}$/)
    .optional(),
  Content: z.string().max(4000).optional(),
  PicUrl: z.string().max(2048).optional(),
  MediaId: z.string().max(256).optional(),
  Recognition: z.string().max(4000).optional(),
  Event: z.string().max(64).optional(),
});
export type WechatMessage = z.infer<typeof WechatMessageSchema>;

/** The safe-mode envelope. */
export const WechatEnvelopeSchema = z.object({
  Encrypt: z.string().min(1).max(20_000),
  ToUserName: Id.optional(),
});

/**
 * The message's id: `MsgId`, or for events (which have none) a hash of sender, time and event,
 * so WeChat's retries of one message collide and two messages never do.
 */
export function wechatMessageId(m: WechatMessage): string {
  if (m.MsgId) return m.MsgId;
  const event = m.Event ?? m.MsgType;
  return `evt:${createHash('sha1').update(`${m.FromUserName}|${m.CreateTime}|${event}`).digest('hex')}`;
}

/** WeChat message → InboundMessage (undefined for messages that need no turn, e.g. unsubscribe). */
export function toInbound(m: WechatMessage, raw: string): InboundMessage | undefined {
  const base = { channel: 'wechat' as const, userId: m.FromUserName, messageId: m.MsgId, raw };
  switch (m.MsgType) {
    case 'text':
      return { ...base, kind: 'text', text: m.Content ?? '' };
    case 'image':
      return { ...base, kind: 'image', attachments: [{ type: 'image', url: m.PicUrl, mediaId: m.MediaId }] };
    case 'voice':
      return m.Recognition?.trim()
        ? { ...base, kind: 'text', text: m.Recognition }
        : { ...base, kind: 'voice' };
    case 'event': {
      const event = (m.Event ?? '').toLowerCase();
      if (event === 'unsubscribe') return undefined;
      return { ...base, kind: 'event', event };
    }
    default:
      return { ...base, kind: 'other' };
  }
}
