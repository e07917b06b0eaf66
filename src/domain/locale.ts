import { z } from 'zod';

/** Languages kefu answers in; the text of a message decides, a channel hint is the fallback. */
export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;
