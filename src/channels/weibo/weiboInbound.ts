import { createHash } from 'node:crypto';
import type { InboundMessage } from '../../domain/message.js';
import { webhookDedupeKey } from '../webhook/webhookTurn.js';
import type { WeiboPush } from './weiboSchema.js';

/** Event subtypes that mean "this user just started following / subscribed": the engine greets. */
const FOLLOW_SUBTYPES: ReadonlySet<string> = new Set(['follow', 'subscribe', 'scan_follow']);
/** Event subtypes after which Weibo lets nobody reply: nothing to do. */
const LEAVE_SUBTYPES: ReadonlySet<string> = new Set(['unfollow', 'unsubscribe']);

/**
 * Turns a validated push into the engine's InboundMessage, or `null` when there is nothing for
 * the engine to do (unfollow/unsubscribe: Weibo refuses replies to users who left).
 *
 * - text → kind text; mention → kind other with the text the user wrote;
 * - image → kind image with an attachment whose `mediaId` is `tovfid` (the id the *receiving*
 *   account downloads with, `upload.api.weibo.com/2/mss/msget?fid=…`), falling back to `vfid`;
 *   the platform's placeholder text ("发了一张图片") is dropped;
 * - voice → kind voice (no transcript from Weibo; the id stays in `raw`);
 * - position → kind other; follow/subscribe/scan_follow → event `follow`; other events → their subtype.
 */
export function toInbound(push: WeiboPush, raw: unknown): InboundMessage | null {
  const base = { channel: 'weibo' as const, userId: push.sender_id, raw };
  switch (push.type) {
    case 'text':
      return { ...base, kind: 'text', text: push.text ?? '' };
    case 'mention':
      return { ...base, kind: 'other', ...(push.text?.trim() ? { text: push.text } : {}) };
    case 'image': {
      const mediaId = push.data.tovfid ?? push.data.vfid;
      return { ...base, kind: 'image', attachments: mediaId ? [{ type: 'image', mediaId }] : [] };
    }
    case 'voice':
      return { ...base, kind: 'voice' };
    case 'position':
      return { ...base, kind: 'other' };
    case 'event': {
      const subtype = push.data.subtype.toLowerCase();
      if (LEAVE_SUBTYPES.has(subtype)) return null;
      return { ...base, kind: 'event', event: FOLLOW_SUBTYPES.has(subtype) ? 'follow' : subtype };
    }
  }
}

/**
 * Id of a push. Weibo gives no message id and retries a push up to 3 times when it gets no answer
 * within 5 s; the docs recommend `sender_id + created_at`. `created_at` has one-second
 * resolution, so the type and a hash of the validated content are added: a retry (same payload)
 * gets the same id, two different messages sent in the same second do not.
 */
export function weiboMessageId(push: WeiboPush): string {
  const content = JSON.stringify([push.type, push.text ?? '', 'data' in push ? (push.data ?? null) : null]);
  const digest = createHash('sha1').update(`${push.created_at}|${content}`).digest('hex');
  return `${push.sender_id}:${digest}`;
}

/** The store key the webhook pipeline dedupes a push by. */
export function dedupeKey(push: WeiboPush): string {
  return webhookDedupeKey('weibo', weiboMessageId(push));
}
