/**
 * Response bodies of the web chat API (`/api/web/*`). The request bodies are validated in
 * webRouter.ts; these describe what comes back, for the OpenAPI document and the contract tests.
 */
import { z } from 'zod';
import { ReplySchema } from '../../domain/message.js';
import { CaseSchema } from '../../domain/case.js';

/** `201` of `POST /api/web/session`: the session token and the greeting. */
export const SessionResponseSchema = z.object({
  token: z.string().describe('Opaque signed token: `Authorization: Bearer <token>` on later calls'),
  replies: z.array(ReplySchema),
});

/** `200` of `POST /api/web/messages`: the bot's replies to this message (empty while an agent owns the case). */
export const MessagesResponseSchema = z.object({ replies: z.array(ReplySchema) });

/** `200` of `GET /api/web/cases`: the session user's own cases, newest first. */
export const WebCasesResponseSchema = z.object({ cases: z.array(CaseSchema) });

/** `201` of `POST /api/web/uploads`: where the stored image can be fetched (and cited as an attachment). */
export const UploadResponseSchema = z.object({
  url: z.string().regex(/^\/api\/web\/uploads\/[\w-]{8,64}$/),
});

/** Path parameter of `GET /api/web/uploads/:id`. */
export const UploadIdSchema = z.string().regex(/^[\w-]{8,64}$/);

/** Image types `POST /api/web/uploads` accepts (checked against the file's first bytes). */
export const UPLOAD_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** Data of the `superseded` event that closes the oldest of too many streams of one session. */
export const SupersededEventSchema = z.object({ reason: z.string() });
