/**
 * The Weibo webhook's query parameters and passive reply, as the platform sends and expects
 * them (for the OpenAPI document; weiboSignature.ts checks the query, WeiboPushSchema the body).
 */
import { z } from 'zod';

/** Query of `GET /weibo` (URL verification) and `POST /weibo` (pushes). */
export const WeiboQuerySchema = z.object({
  signature: z.string().describe('SHA-1 hex of the sorted [WEIBO_APP_SECRET, timestamp, nonce]'),
  timestamp: z.string().regex(/^\d+$/).describe('Milliseconds since the epoch'),
  nonce: z.string(),
  echostr: z.string().optional().describe('GET only: echoed back when the signature is valid'),
});

/** The passive reply to a push (`WeiboPassiveReply` in weiboReplyFormat.ts). */
export const WeiboPassiveReplySchema = z.object({
  result: z.literal(true),
  receiver_id: z.string().describe('The user (the push’s sender_id)'),
  sender_id: z.string().describe('Our account (the push’s receiver_id)'),
  type: z.literal('text'),
  data: z.string().describe('URL-encoded JSON `{"text": …}`'),
});
