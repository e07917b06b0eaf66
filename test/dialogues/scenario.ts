import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Patterns = z.array(z.string());

/** One step of a scripted conversation. */
export const StepSchema = z.union([
  z
    .object({
      user: z.string(),
      as: z.string().optional(),
      expect: Patterns.optional(),
      notExpect: Patterns.optional(),
      source: z.string().nullable().optional(),
      quickReplies: z.array(z.string()).optional(),
      silent: z.boolean().optional(),
    })
    .strict(),
  z.object({ image: z.string(), expect: Patterns.optional() }).strict(),
  z.object({ kind: z.enum(['voice', 'other']), expect: Patterns.optional() }).strict(),
  z.object({ agent: z.enum(['claim', 'say', 'resolve']), text: z.string().optional() }).strict(),
  z.object({ pushed: Patterns }).strict(),
  z.object({ restart: z.literal(true) }).strict(),
]);
export type Step = z.infer<typeof StepSchema>;

/** A conversation as data: what the user says, what the bot must answer, what the case must hold. */
export const ScenarioSchema = z
  .object({
    name: z.string(),
    now: z.string().optional(),
    steps: z.array(StepSchema).min(1),
    case: z.record(z.string(), z.unknown()).optional(),
    noCase: z.boolean().optional(),
    intake: z.record(z.string(), z.unknown()).optional(),
    transcriptIncludes: z.array(z.string()).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export function loadScenarios(
  dir = join(import.meta.dirname, 'scenarios'),
): Array<{ file: string; scenario: Scenario }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      scenario: ScenarioSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    }));
}
