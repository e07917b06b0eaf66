import { z } from 'zod';

const Bilingual = <T extends z.ZodTypeAny>(inner: T) => z.object({ zh: inner, en: inner }).strict();

/** One FAQ entry, as stored in `knowledge/faq/<id>.json`. */
export const FaqEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case ascii'),
    title: Bilingual(z.string().min(2).max(80)),
    /** Paraphrased user questions this entry answers (retrieval matches against them). */
    questions: Bilingual(z.array(z.string().min(2).max(120)).min(3)),
    answer: Bilingual(z.string().min(10).max(1200)),
    /** Topic keywords (both languages) that also feed retrieval. */
    tags: z.array(z.string().min(1).max(30)).min(1),
    /**
     * The entry answers only questions that mention one of these terms (normalized, any
     * language): the hotline's hours are no answer to "门店几点开门".
     */
    requires: z.array(z.string().min(1).max(30)).min(1).optional(),
  })
  .strict();
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

/** `knowledge/synonyms.json`: groups of interchangeable terms, expanded at index and query time. */
export const SynonymFileSchema = z
  .object({ groups: z.array(z.array(z.string().min(1).max(30)).min(2)).min(1) })
  .strict();
export type SynonymFile = z.infer<typeof SynonymFileSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** `knowledge/calendar/*.json`: public holidays and adjusted working days (调休). */
export const CalendarFileSchema = z
  .object({
    region: z.string(),
    timezone: z.string(),
    years: z.array(z.number().int()).min(1),
    source: z.string(),
    holidays: z.array(z.object({ date: IsoDate, name: z.string() }).strict()),
    /** Weekend days that are working days because of 调休. */
    workdays: z.array(z.object({ date: IsoDate, name: z.string() }).strict()),
  })
  .strict();
export type CalendarFile = z.infer<typeof CalendarFileSchema>;

/** `knowledge/out-of-scope.json`: topics the knowledge base does not answer (indexed as decoys). */
export const OutOfScopeFileSchema = z
  .object({
    note: z.string(),
    /** Other shopping platforms: a question naming one is not about Tmall's hotline. */
    otherPlatforms: z.array(z.string().min(2).max(30)),
    topics: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
          questions: Bilingual(z.array(z.string().min(2).max(120)).min(3)),
        })
        .strict(),
    ),
  })
  .strict();
export type OutOfScopeFile = z.infer<typeof OutOfScopeFileSchema>;

const ClockTime = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected H:MM or HH:MM (24 h)');

/**
 * `knowledge/facts.json`: the facts of the source article that kefu states outside FAQ answers —
 * in phrases, the widget, staffing hours and SLA due dates. The only place they are written.
 */
export const FactsFileSchema = z
  .object({
    source: z.string().min(1),
    hotline: z
      .object({
        number: z.string().regex(/^\d{3}-\d{3}-\d{4}$/, 'expected ddd-ddd-dddd'),
        free: z.boolean(),
      })
      .strict(),
    /** When the hotline (and so kefu's people) answer every day, business time (TZ_BUSINESS). */
    hours: z
      .object({ open: ClockTime, close: ClockTime })
      .strict()
      .refine((h) => minutes(h.open) < minutes(h.close), 'hours.open must be before hours.close'),
    processing: z
      .object({
        /** A first handling opinion within min–max business days (due dates use `max`). */
        firstResponseBusinessDays: z
          .object({ min: z.number().int().min(0), max: z.number().int().min(1) })
          .strict()
          .refine((d) => d.min <= d.max, 'min must not exceed max'),
        /** Handling completed within this many business days. */
        resolutionBusinessDays: z.number().int().min(1),
      })
      .strict(),
  })
  .strict();
export type Facts = z.infer<typeof FactsFileSchema>;

function minutes(hm: string): number {
  const [h, m] = hm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}


/**
 * A message labelled with the kind of problem it states, or, when it states none, whether it is
 * a question or some other statement (buying, praise, small talk).
 */
export const ProblemExampleSchema = z
  .object({
    text: z.string().min(1).max(500),
    label: z.enum(['quality', 'logistics', 'after_sales', 'other', 'question', 'statement']),
  })
  .strict();
export type ProblemExample = z.infer<typeof ProblemExampleSchema>;

/** `knowledge/nlu/problem-examples.json`: what the problem classifier learns from (generated). */
export const ProblemExamplesFileSchema = z
  .object({ about: z.string(), examples: z.array(ProblemExampleSchema).min(1) })
  .strict();
