import { z } from 'zod';

/** Slack's one-time check of the Request URL (answered with its `challenge`). */
export const UrlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(256),
});

/** A message in a channel the bot is in (`message.channels` / `message.groups` subscriptions). */
export const MessageEventSchema = z.looseObject({
  type: z.literal('message'),
  channel: z.string().min(1).max(64),
  user: z.string().min(1).max(64).optional(),
  text: z.string().max(40_000).optional(),
  ts: z.string().regex(/^\d+\.\d+$/),
  thread_ts: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  subtype: z.string().max(64).optional(),
  bot_id: z.string().max(64).optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

/** An Events API delivery. `event` is checked further only for the types kefu handles. */
export const EventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  team_id: z.string().min(1).max(64),
  event_id: z.string().min(1).max(64),
  event: z.looseObject({ type: z.string().max(64) }),
});
export type EventCallback = z.infer<typeof EventCallbackSchema>;

/** A body posted as JSON to the Request URL. */
export const EventsBodySchema = z.discriminatedUnion('type', [UrlVerificationSchema, EventCallbackSchema]);

/** One button (or other element) pressed in a message kefu posted. */
export const BlockActionSchema = z.looseObject({
  type: z.string().max(64),
  action_id: z.string().max(255),
  value: z.string().max(2000).optional(),
});

/** Interactivity: a `block_actions` payload (the form field `payload`, JSON). */
export const BlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  team: z.looseObject({ id: z.string().min(1).max(64) }),
  user: z.looseObject({ id: z.string().min(1).max(64) }),
  channel: z.looseObject({ id: z.string().min(1).max(64) }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(BlockActionSchema).min(1).max(5),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

/** Any interactivity payload; only `block_actions` is handled, the rest is acknowledged. */
export const InteractivityTypeSchema = z.looseObject({ type: z.string().max(64) });

/** What `chat.postMessage` / `chat.update` answer with when they succeed. */
export const PostedMessageSchema = z.looseObject({
  ok: z.literal(true),
  channel: z.string(),
  ts: z.string(),
});

/** What `auth.test` answers with. */
export const AuthTestSchema = z.looseObject({ ok: z.literal(true), user_id: z.string() });
