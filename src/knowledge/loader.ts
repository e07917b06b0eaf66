import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { ConfigError, describeZodIssues } from '../errors.js';
import {
  CalendarFileSchema,
  FactsFileSchema,
  FaqEntrySchema,
  OutOfScopeFileSchema,
  ProblemExamplesFileSchema,
  SynonymFileSchema,
  type CalendarFile,
  type Facts,
  type FaqEntry,
  type OutOfScopeFile,
  type ProblemExample,
  type SynonymFile,
} from './schema.js';

/** Everything under `knowledge/`, validated. */
export interface KnowledgeBase {
  entries: FaqEntry[];
  synonyms: SynonymFile;
  outOfScope: OutOfScopeFile;
  calendars: CalendarFile[];
  /** Hotline number, fee, hours and processing times: `knowledge/facts.json`. */
  facts: Facts;
  /** Labelled messages the problem classifier learns from: `knowledge/nlu/problem-examples.json`. */
  problemExamples: ProblemExample[];
}

/** Default location: `<repo>/knowledge` (same from `src/` under tsx and from `dist/`). */
export const DEFAULT_KNOWLEDGE_DIR = join(import.meta.dirname, '..', '..', 'knowledge');

function readJson<T>(file: string, schema: z.ZodType<T>, root: string): T {
  const name = relative(join(root, '..'), file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`knowledge file ${name}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ConfigError(`knowledge file ${name}: ${describeZodIssues(parsed.error.issues)}`);
  return parsed.data;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Loads and validates the knowledge base. A bad file throws a ConfigError naming the file
 * and the field, so start-up stops with a message that says what to fix.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const entries = jsonFiles(join(dir, 'faq')).map((f) => readJson(f, FaqEntrySchema, dir));
  if (entries.length === 0) throw new ConfigError(`knowledge: no FAQ entries in ${join(dir, 'faq')}`);
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new ConfigError(`knowledge: duplicate FAQ id "${e.id}"`);
    seen.add(e.id);
  }
  const synonyms = readJson(join(dir, 'synonyms.json'), SynonymFileSchema, dir);
  const outOfScope = readJson(join(dir, 'out-of-scope.json'), OutOfScopeFileSchema, dir);
  const calendars = jsonFiles(join(dir, 'calendar')).map((f) => readJson(f, CalendarFileSchema, dir));
  const facts = readJson(join(dir, 'facts.json'), FactsFileSchema, dir);
  const problemExamples = readJson(join(dir, 'nlu', 'problem-examples.json'), ProblemExamplesFileSchema, dir).examples;
  return { entries, synonyms, outOfScope, calendars, facts, problemExamples };
}
