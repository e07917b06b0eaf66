import { z } from 'zod';
import { ChannelNameSchema } from './conversation.js';
import { LocaleSchema } from './locale.js';

/** Something the user sent besides text (kept as complaint evidence). */
export const AttachmentSchema = z.object({
  type: z.enum(['image', 'file', 'voice']),
  /** Where the file can be fetched (platform URL or our own upload URL). */
  url: z.string().max(2048).optional(),
  /** Platform media id (WeChat MediaId) when there is one. */
  mediaId: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * One message from a user, already parsed from a channel's raw payload.
 * `raw` keeps the platform payload untouched beside it (for logs/debugging, never shown).
 */
export const InboundMessageSchema = z.object({
  channel: ChannelNameSchema,
  /** Stable per-channel user id (web session id, WeChat OpenID, Weibo uid). */
  userId: z.string().min(1).max(128),
  /** Platform message id, when the platform gives one (used for dedupe). */
  messageId: z.string().max(128).optional(),
  kind: z.enum(['text', 'image', 'file', 'voice', 'event', 'other']),
  text: z.string().max(4000).optional(),
  attachments: z.array(AttachmentSchema).max(10).optional(),
  /** Platform event such as `subscribe`/`follow` (kind = event). */
  event: z.string().max(64).optional(),
  /** Locale hint from the channel (widget data-locale); the text itself wins. */
  locale: LocaleSchema.optional(),
  /**
   * The channel minted this user id just now (a new web session): no case can be theirs yet, so
   * the turn does not ask the case store who owns the conversation.
   */
  newUser: z.literal(true).optional(),
  raw: z.unknown().optional(),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/** Public reply shape (DESIGN §2): `source` is the FAQ entry id an answer came from. */
export const ReplySchema = z.object({
  text: z.string(),
  quickReplies: z.array(z.string()).optional(),
  source: z.string().optional(),
});
export type Reply = z.infer<typeof ReplySchema>;

/**
 * Outbound message as channels receive it: a tagged union with a plain-text fallback
 * (`toPlainText`) for channels that cannot show buttons.
 */
export type OutboundMessage =
  | { type: 'bot'; reply: Reply }
  | { type: 'agent'; text: string; agent: string; caseId: string }
  | { type: 'system'; reply: Reply };

/** Whether a channel accepted an outbound message. */
export type DeliveryResult = { ok: true } | { ok: false; error: string };

/** Render a reply for channels without buttons: quick replies become a numbered hint line. */
export function toPlainText(reply: Reply): string {
  if (!reply.quickReplies?.length) return reply.text;
  const options = reply.quickReplies.map((q) => `【${q}】`).join(' ');
  return `${reply.text}\n${options}`;
}
