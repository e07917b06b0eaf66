import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { CategorySchema, ResolutionSchema } from '../domain/case.js';
import { fill } from '../domain/template.js';
import type { FaqIndex } from '../knowledge/faqIndex.js';
import type { RuleNlu } from './ruleNlu.js';
import { findOrderIds } from './slotExtractors.js';
import { normalizeText } from '../knowledge/normalize.js';
import { DialogueActSchema, IntentSchema, type Interpretation, type Nlu, type NluContext } from './types.js';

/** What the model must return (every field present, null when unknown). */
export const LlmOutputSchema = z.object({
  intent: IntentSchema,
  act: DialogueActSchema.nullable().optional(),
  faqId: z.string().nullable(),
  category: CategorySchema.nullable(),
  orderId: z.string().nullable(),
  description: z.string().max(1000).nullable(),
  evidence: z.array(z.string().max(100)).max(10).nullable(),
  evidenceNone: z.boolean().nullable(),
  resolution: ResolutionSchema.nullable(),
  contact: z.string().max(40).nullable(),
  contactNone: z.boolean().nullable(),
  correction: z.boolean().nullable(),
});
export type LlmOutput = z.infer<typeof LlmOutputSchema>;

export type LlmFallbackReason = 'timeout' | 'error' | 'invalid';

export interface LlmNluOptions {
  config: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  rules: RuleNlu;
  faq: FaqIndex;
  promptDir?: string;
  onFallback?: (reason: LlmFallbackReason) => void;
}

const PROMPT_DIR = join(import.meta.dirname, '..', '..', 'prompts');

/**
 * LLM mode: the same Nlu interface, with a model's structured output (any OpenAI-compatible
 * server). The model only interprets; answers come from the knowledge base. Its output is
 * untrusted: validated with zod, an FAQ id outside the retrieved candidates is dropped, and
 * digits it did not read in the message are dropped. On timeout, error or invalid output the
 * rule NLU answers instead.
 */
export class LlmNlu implements Nlu {
  readonly name = 'llm';
  private readonly prompt: string;
  private readonly model: ChatOpenAI;

  constructor(private readonly options: LlmNluOptions) {
    this.prompt = readFileSync(join(options.promptDir ?? PROMPT_DIR, 'interpret.md'), 'utf8');
    this.model = new ChatOpenAI({
      apiKey: options.config.apiKey,
      model: options.config.model,
      temperature: 0,
      maxRetries: 0,
      configuration: options.config.baseUrl ? { baseURL: options.config.baseUrl } : undefined,
    });
  }

  async interpret(text: string, context: NluContext): Promise<Interpretation> {
    const rules = this.options.rules.interpretSync(text, context);
    const candidates = this.options.faq.search(text, 3);
    const system = fill(this.prompt, {
      pending: context.pending ?? 'none',
      filled: context.filled.join(', ') || 'none',
      candidates:
        candidates.map((c) => `- ${c.entry.id} — ${c.entry.title.zh} / ${c.entry.title.en}`).join('\n') ||
        '- (none)',
    });
    let raw: unknown;
    try {
      const structured = this.model.withStructuredOutput(LlmOutputSchema, {
        name: 'interpretation',
        method: 'jsonSchema',
      });
      raw = await structured.invoke(
        [
          { role: 'system', content: system },
          { role: 'user', content: text },
        ],
        { signal: AbortSignal.timeout(this.options.config.timeoutMs) },
      );
    } catch (err) {
      const timedOut =
        err instanceof Error &&
        (err.name === 'TimeoutError' || err.name === 'AbortError' || /abort|timeout/i.test(err.message));
      const parseFailure = err instanceof Error && /pars|json|schema|valid/i.test(err.message);
      this.options.onFallback?.(timedOut ? 'timeout' : parseFailure ? 'invalid' : 'error');
      return rules;
    }
    const parsed = LlmOutputSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.onFallback?.('invalid');
      return rules;
    }
    return merge(parsed.data, rules, text, new Set(candidates.map((c) => c.entry.id)));
  }
}

/** The model's reading, checked against what rules can verify deterministically. */
function merge(
  out: LlmOutput,
  rules: Interpretation,
  text: string,
  candidateIds: ReadonlySet<string>,
): Interpretation {
  const digitsInText = findOrderIds(normalizeText(text));
  const llmOrder = out.orderId?.replace(/\D/g, '');
  const orderId = rules.slots.orderId ?? (llmOrder && digitsInText.includes(llmOrder) ? llmOrder : undefined);
  const faqId = out.faqId && candidateIds.has(out.faqId) ? out.faqId : undefined;
  const intent = out.intent === 'faq' && !faqId ? (rules.faqId ? 'faq' : 'other') : out.intent;
  return {
    intent,
    confidence: 0.9,
    locale: rules.locale,
    faqId: faqId ?? (intent === 'faq' ? rules.faqId : undefined),
    correction: out.correction ?? rules.correction,
    act: out.act ?? rules.act,
    invalidOrderId: orderId ? undefined : rules.invalidOrderId,
    invalidContact: rules.invalidContact,
    waiting: intent === 'other' ? rules.waiting : undefined,
    slots: {
      category: out.category ?? rules.slots.category,
      orderId,
      description: out.description ?? rules.slots.description,
      evidence: out.evidence ?? rules.slots.evidence,
      evidenceNone: out.evidenceNone ?? rules.slots.evidenceNone,
      resolution: out.resolution ?? rules.slots.resolution,
      // A contact must be a number the rules validated; the model cannot supply one.
      contact: rules.slots.contact,
      contactNone: out.contactNone ?? rules.slots.contactNone,
      addition: rules.slots.addition,
    },
  };
}
