/**
 * Zod schemas for Weibo fans-service (粉丝服务平台) message pushes, as documented on
 * open.weibo.com (消息推送服务 / 接收普通消息 / 接收事件推送). Every push is a JSON object:
 *
 * ```json
 * {"type": "text", "receiver_id": 1902538057, "sender_id": 2489518277,
 *  "created_at": "Mon Jul 16 18:09:20 +0800 2012", "text": "私信或留言内容", "data": {}}
 * ```
 *
 * `receiver_id` is our account, `sender_id` the user. Ids are int64: the router's JSON reviver
 * keeps integers beyond 2^53 as their source digits, so ids arrive as safe numbers or digit strings.
 * Unknown keys are stripped (never merged), so `__proto__`/`constructor` keys go nowhere.
 */
import { z } from 'zod';
import { ValidationError, describeZodIssues } from '../../errors.js';

/** An int64 id as Weibo sends it (number, or digits), normalized to its decimal string. */
export const WeiboIdSchema = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^\d{1,20}$/, 'expected an integer id'),
  ])
  .transform((v) => String(v));

/** Coordinates are strings in the docs' examples; numbers are accepted too. */
const CoordinateSchema = z
  .union([z.string().max(32), z.number().finite()])
  .transform((v) => String(v))
  .optional();

/** Text of a push. Longer than InboundMessage allows is cut, not refused (a real user wrote it). */
const PushTextSchema = z
  .string()
  .max(60_000)
  .transform((t) => (t.length > 4000 ? t.slice(0, 4000) : t))
  .optional();

const EnvelopeShape = {
  receiver_id: WeiboIdSchema,
  sender_id: WeiboIdSchema,
  /** Second resolution, e.g. "Mon Jul 16 18:09:20 +0800 2012". */
  created_at: z.string().min(1).max(64),
  text: PushTextSchema,
};

/**
 * The docs' field tables type `data` as "string" while their examples show an object: accept
 * both (a JSON string is parsed; an empty string is no data).
 */
function dataField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    if (value.trim() === '') return undefined;
    try {
      return JSON.parse(value, int64Reviver) as unknown;
    } catch {
      return value;
    }
  }, schema);
}

/** Image and voice data: `vfid` is the sender's view id, `tovfid` the receiver's (ours). */
const MediaDataSchema = z
  .object({ vfid: WeiboIdSchema.optional(), tovfid: WeiboIdSchema.optional() })
  .refine((d) => d.vfid !== undefined || d.tovfid !== undefined, 'expected data.vfid or data.tovfid');

const TextPushSchema = z.object({ type: z.literal('text'), ...EnvelopeShape });
const ImagePushSchema = z.object({
  type: z.literal('image'),
  ...EnvelopeShape,
  data: dataField(MediaDataSchema),
});
const VoicePushSchema = z.object({
  type: z.literal('voice'),
  ...EnvelopeShape,
  data: dataField(MediaDataSchema),
});
const PositionPushSchema = z.object({
  type: z.literal('position'),
  ...EnvelopeShape,
  data: dataField(z.object({ longitude: CoordinateSchema, latitude: CoordinateSchema }).optional()),
});
const EventPushSchema = z.object({
  type: z.literal('event'),
  ...EnvelopeShape,
  data: dataField(
    z.object({
      /** follow, unfollow, subscribe, unsubscribe, scan, scan_follow, click, view, … */
      subtype: z.string().min(1).max(64),
      /** Menu key (click) or QR scene (`action_name_scene_id`) for scans. */
      key: z.string().max(256).optional(),
      ticket: z.string().max(512).optional(),
    }),
  ),
});
/** "被@消息": only pushed to accounts granted the permission; `text` is what the user wrote. */
const MentionPushSchema = z.object({
  type: z.literal('mention'),
  ...EnvelopeShape,
  data: dataField(z.object({ subtype: z.string().max(64).optional() }).optional()),
});

/** Every push type kefu understands. */
export const WeiboPushSchema = z.discriminatedUnion('type', [
  TextPushSchema,
  ImagePushSchema,
  VoicePushSchema,
  PositionPushSchema,
  EventPushSchema,
  MentionPushSchema,
]);
export type WeiboPush = z.infer<typeof WeiboPushSchema>;

export const KNOWN_PUSH_TYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'voice',
  'position',
  'event',
  'mention',
]);

const TypeOnlySchema = z.object({ type: z.string().min(1).max(64) });

/** Result of reading a push body: a push kefu handles, or a well-formed push of a type it ignores. */
export type PushParse = { kind: 'push'; push: WeiboPush } | { kind: 'ignored'; type: string };

/**
 * Validates a parsed JSON body. The docs ask receivers to ignore unknown `type`s, so those come
 * back as `ignored`; anything malformed throws a ValidationError (→ 400).
 */
export function parseWeiboPush(body: unknown): PushParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ValidationError('expected a JSON object');
  const head = TypeOnlySchema.safeParse(body);
  if (!head.success) throw new ValidationError(describeZodIssues(head.error.issues));
  if (!KNOWN_PUSH_TYPES.has(head.data.type)) return { kind: 'ignored', type: head.data.type };
  const full = WeiboPushSchema.safeParse(body);
  if (!full.success) throw new ValidationError(describeZodIssues(full.error.issues));
  return { kind: 'push', push: full.data };
}

/**
 * JSON.parse reviver for push bodies: an integer too large for a double (an int64 id) is kept as
 * its source digits instead of being silently rounded. Needs Node ≥ 21 (reviver `context.source`).
 */
export function int64Reviver(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (
    typeof value === 'number' &&
    !Number.isSafeInteger(value) &&
    context?.source &&
    /^\d+$/.test(context.source)
  )
    return context.source;
  return value;
}
