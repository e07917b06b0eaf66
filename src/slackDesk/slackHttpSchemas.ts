/**
 * `POST /slack/events` as the OpenAPI document describes it. slackRouter.ts checks the signature
 * headers and parses the bodies (EventsBodySchema, BlockActionsSchema in slackPayloads.ts); these
 * add the form wrapper of interactivity and the url_verification answer.
 */
import { z } from 'zod';

/** Interactivity requests are form-encoded with one field, `payload`: JSON of a block_actions payload. */
export const SlackInteractivityFormSchema = z.object({
  payload: z.string().describe('JSON of SlackBlockActions'),
});

/** The answer to Slack's `url_verification` event. */
export const SlackChallengeSchema = z.object({ challenge: z.string() });
