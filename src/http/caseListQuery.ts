import { z } from 'zod';
import { ChannelNameSchema } from '../domain/conversation.js';
import type { CaseQuery } from '../store/types.js';
import { zonedTime } from '../domain/zonedTime.js';
import { CaseStatusSchema, CategorySchema, type CaseStatus } from '../domain/case.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TimeSchema = z.union([z.string().regex(DAY), z.iso.datetime({ offset: true })]);
const OPEN: readonly CaseStatus[] = ['queued', 'assigned'];

/**
 * Query string of `GET /api/agent/cases`: `status` (one, a comma list, or `all`; default
 * queued + assigned), `category`, `channel`, `q` (case id, order id, words), `from`/`to` (a
 * business-zone day `2026-11-25` or an ISO time; `to` day inclusive), `cursor`, `limit`
 * (default 100, at most 500). Unknown parameters are ignored.
 */
export const CaseListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v, ctx): readonly CaseStatus[] | undefined => {
      if (v === undefined || v === '') return OPEN;
      if (v === 'all') return undefined;
      const parsed = z.array(CaseStatusSchema).safeParse(v.split(','));
      if (parsed.success) return parsed.data;
      ctx.addIssue({
        code: 'custom',
        message: 'expected queued, assigned, resolved, closed (comma-separated) or all',
      });
      return z.NEVER;
    }),
  category: CategorySchema.optional(),
  channel: ChannelNameSchema.optional(),
  q: z.string().trim().max(100).optional(),
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The parsed query as the case store takes it (days resolved in the business time zone). */
export function toCaseQuery(raw: z.infer<typeof CaseListQuerySchema>, timeZone: string): CaseQuery {
  const day = (ymd: string, plusDays: number) => {
    const start = zonedTime(ymd, '00:00:00', timeZone);
    return new Date(start.getTime() + plusDays * 24 * 3600_000);
  };
  const at = (v: string | undefined, endOfDay: boolean) =>
    v === undefined ? undefined : DAY.test(v) ? day(v, endOfDay ? 1 : 0) : new Date(v);
  return {
    statuses: raw.status,
    category: raw.category,
    channel: raw.channel,
    q: raw.q || undefined,
    from: at(raw.from, false),
    to: at(raw.to, true),
    cursor: raw.cursor,
    limit: raw.limit,
  };
}
