import { z } from 'zod';

/** `GET /healthz` (liveness): the process is up and serving HTTP. Never touches the store. */
export const HealthSchema = z.object({
  ok: z.literal(true),
  store: z.enum(['memory', 'redis']),
  llm: z.boolean(),
});
export type Health = z.infer<typeof HealthSchema>;

const CheckResultSchema = z.object({ ok: z.boolean(), error: z.string().optional() });
type CheckResult = z.infer<typeof CheckResultSchema>;

/**
 * `GET /readyz` (readiness): 200 with every check ok, else 503 with the failed checks named
 * (and the usual `error` object, code `not_ready`).
 */
export const ReadinessSchema = z.object({
  ok: z.boolean(),
  checks: z.record(z.string(), CheckResultSchema),
  error: z.object({ code: z.literal('not_ready'), message: z.string() }).optional(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

/** One readiness check: returns (or resolves) when ready, throws (with a reason) when not. */
export interface ReadinessCheck {
  name: string;
  check: () => unknown;
}

/** Runs every check at once; a check taking longer than `timeoutMs` counts as failed. */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2000,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(() => check()), timeout]);
        return { name, result: { ok: true } satisfies CheckResult };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return { name, result: { ok: false, error } satisfies CheckResult };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failed = results.filter((r) => !r.result.ok).map((r) => r.name);
  const byName: Record<string, CheckResult> = {};
  for (const { name, result } of results) byName[name] = result;
  return {
    ok: failed.length === 0,
    checks: byName,
    ...(failed.length
      ? { error: { code: 'not_ready' as const, message: `not ready: ${failed.join(', ')}` } }
      : {}),
  };
}
