import type { Locale } from '../domain/locale.js';
import type { Reply } from '../domain/message.js';
import { formatSummary } from './formatting.js';
import { nextMissingSlot } from './intakeSlots.js';
import { PHRASES, QUICK } from './phrases.js';
import { askSlot } from './replies.js';
import type { IntakeState } from './state.js';

/** Asks for what is missing next, or shows the summary for confirmation. */
export function promptNext(intake: IntakeState, locale: Locale): Reply {
  const missing = nextMissingSlot(intake);
  if (missing) {
    intake.pending = missing;
    return askSlot(missing, locale);
  }
  intake.pending = 'confirm';
  return {
    text: `${formatSummary(intake.slots, locale)}\n${PHRASES.confirmHint[locale]}`,
    quickReplies: [...QUICK.confirm[locale]],
  };
}
