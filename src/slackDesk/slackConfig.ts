import { z } from 'zod';

/**
 * The Slack agent desk's settings (SLACK_* variables). Parsing them loads nothing of Botkit:
 * this file only knows zod, so config.ts can import it in every deployment.
 */
export interface SlackConfig {
  /** Signing secret of the Slack app (Basic Information → App Credentials). */
  signingSecret: string;
  /** Bot token (`xoxb-…`) with `chat:write`. */
  botToken: string;
  /** Channel id (`C…`) where new cases are announced and worked in threads. */
  agentsChannel: string;
  /** Web API base (default `https://slack.com`; a local fake in tests). */
  apiBase: string;
  /** Slack user id → kefu agent name; anyone else is refused. */
  agents: Map<string, string>;
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The SLACK_* part of the environment schema (merged into config.ts's EnvSchema). */
export const SlackEnvSchema = {
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_AGENTS_CHANNEL: optional.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel id such as C0123456789')
      .optional(),
  ),
  SLACK_API_BASE: z.url().default('https://slack.com'),
  SLACK_AGENTS: optional.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const agents = new Map<string, string>();
    for (const pair of value.split(',')) {
      const [userId, name, ...rest] = pair.trim().split(':');
      if (!userId || !name || rest.length > 0 || !/^[UW][A-Z0-9]{2,}$/.test(userId)) {
        ctx.addIssue({ code: 'custom', message: 'expected slackUserId:agentName pairs separated by commas' });
        return z.NEVER;
      }
      agents.set(userId, name);
    }
    return agents;
  }),
};

type SlackEnv = z.infer<ReturnType<typeof z.object<typeof SlackEnvSchema>>>;

/**
 * The Slack desk is on when SLACK_SIGNING_SECRET or SLACK_BOT_TOKEN is set; then every SLACK_*
 * variable it needs must be there. Returns an error naming the variable, or the config.
 */
export function toSlackConfig(e: SlackEnv): { ok: true; slack?: SlackConfig } | { ok: false; error: string } {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken } = e;
  const { SLACK_AGENTS_CHANNEL: agentsChannel, SLACK_AGENTS: agents } = e;
  if (!signingSecret && !botToken) return { ok: true };
  if (!signingSecret) return required('SLACK_SIGNING_SECRET');
  if (!botToken) return required('SLACK_BOT_TOKEN');
  if (!agentsChannel) return required('SLACK_AGENTS_CHANNEL');
  if (!agents) return required('SLACK_AGENTS');
  return {
    ok: true,
    slack: { signingSecret, botToken, agentsChannel, agents, apiBase: e.SLACK_API_BASE.replace(/\/$/, '') },
  };
}

function required(name: string): { ok: false; error: string } {
  return { ok: false, error: `invalid ${name}: required when the Slack agent desk is configured` };
}
