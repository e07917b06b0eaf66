import type { Clock } from '../../domain/clock.js';
import { Router, raw, type Request } from 'express';
import { AuthError, KefuError, NotFoundError } from '../../errors.js';
import { clientIp, rateLimit } from '../../http/rateLimit.js';
import type { KeyValueStore } from '../../store/types.js';
import type { UploadStore } from '../../store/sql/uploadStore.js';
import { bearerToken, queryToken } from '../../http/requestToken.js';
import type { WebSessions } from './webSessions.js';

/** Declared type → the file's first bytes must match. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) =>
    b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

class UnsupportedMediaError extends KefuError {
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}

/**
 * Evidence uploads from the widget: `POST /api/web/uploads` (an image ≤ 2 MB, type checked by its
 * magic bytes) → `{url}`; `GET /api/web/uploads/:id` for the uploader or an agent. Files live in
 * the UploadStore (SQL record + file), under per-session and global quotas; one no case cites
 * within 24 h is deleted.
 */
export function createUploadsRouter(deps: {
  kv: KeyValueStore;
  uploads: UploadStore;
  sessions: WebSessions;
  authenticateAgent: (token: string | undefined) => string | undefined;
  clock?: Clock;
}): Router {
  const router = Router();
  const tokenOf = (req: Request) => bearerToken(req.headers.authorization) ?? queryToken(req);

  // Counted before the body is read: at most 20 uploads a minute per session, 100 per address.
  const limits = rateLimit(deps.kv, [
    {
      name: 'upload-token',
      limit: 20,
      windowSeconds: 60,
      key: (req) => deps.sessions.verify(bearerToken(req.headers.authorization)),
    },
    { name: 'upload-ip', limit: 100, windowSeconds: 60, key: clientIp },
  ]);

  router.post('/uploads', limits, raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req, res) => {
    const owner = deps.sessions.verify(bearerToken(req.headers.authorization));
    if (!owner) throw new AuthError('missing or invalid session token');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const check = SIGNATURES[type];
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!check) throw new UnsupportedMediaError('only PNG, JPEG, WebP and GIF images can be uploaded');
    if (!check(body)) throw new UnsupportedMediaError(`the file is not a ${type} image`);
    const { url } = await deps.uploads.save(owner, type, body, deps.clock?.now());
    res.status(201).json({ url });
  });

  router.get('/uploads/:id', async (req, res) => {
    const token = tokenOf(req);
    const user = deps.sessions.verify(token);
    const agent = deps.authenticateAgent(bearerToken(req.headers.authorization)); // never ?token=
    if (!user && !agent) throw new AuthError('missing or invalid token');
    const upload = /^[\w-]{8,64}$/.test(req.params.id) ? await deps.uploads.get(req.params.id) : undefined;
    if (!upload || (!agent && upload.record.owner !== user)) throw new NotFoundError('no such upload');
    res.setHeader('Content-Type', upload.record.contentType);
    res.setHeader('Content-Disposition', 'inline');
    res.send(upload.data);
  });
  return router;
}
