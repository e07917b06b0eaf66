/**
 * The WeChat webhook's query parameters, as the platform sends them (for the OpenAPI document;
 * wechatRouter.ts checks them by hand, signature first). The message body is XML whose fields
 * are WechatMessageSchema (plain mode) or WechatEnvelopeSchema (safe mode).
 */
import { z } from 'zod';

/** Query of `GET /wechat` (URL verification) and `POST /wechat` (messages). */
export const WechatQuerySchema = z.object({
  signature: z.string().describe('SHA-1 of the sorted [WECHAT_TOKEN, timestamp, nonce]'),
  timestamp: z.string().regex(/^\d+$/).describe('Seconds since the epoch'),
  nonce: z.string(),
  echostr: z.string().optional().describe('GET only: echoed back when the signature is valid'),
  openid: z.string().optional().describe('POST: the sender (the body is authoritative)'),
  encrypt_type: z.literal('aes').optional().describe('Safe mode'),
  msg_signature: z
    .string()
    .optional()
    .describe('Safe mode: SHA-1 of the sorted [token, timestamp, nonce, Encrypt]'),
});
