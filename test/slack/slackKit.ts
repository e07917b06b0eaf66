import { slackSignature } from '../../src/slackDesk/slackSignature.js';

/** Settings of the Slack desk in tests. */
export const SLACK = {
  secret: 'slack-signing-secret-for-tests-0001',
  token: 'xoxb-test-bot-token',
  channel: 'C0AGENTS01',
  team: 'T0KEFU',
  /** Slack users mapped to the test agents (AGENT = wang, AGENT2 = li). */
  wang: 'U0WANG0001',
  li: 'U0LI000002',
  stranger: 'U0STRANGER',
};

/** The SLACK_* environment for a kefu talking to a fake Slack at `apiBase`. */
export function slackEnv(apiBase: string): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SLACK.secret,
    SLACK_BOT_TOKEN: SLACK.token,
    SLACK_AGENTS_CHANNEL: SLACK.channel,
    SLACK_API_BASE: apiBase,
    SLACK_AGENTS: `${SLACK.wang}:wang,${SLACK.li}:li`,
  };
}

let eventSeq = 0;

/** An Events API body: a message `text` by `user` in the thread `threadTs` of the agents channel. */
export function threadMessageEvent(user: string, threadTs: string, text: string): string {
  eventSeq += 1;
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: SLACK.team,
    api_app_id: 'A0KEFU',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${eventSeq}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      channel: SLACK.channel,
      channel_type: 'channel',
      user,
      text,
      ts: `${Math.floor(Date.now() / 1000)}.${String(100000 + eventSeq)}`,
      thread_ts: threadTs,
      team: SLACK.team,
    },
  });
}

/** An interactivity body (form-encoded `payload`): `user` pressed the button `actionId` of a case. */
export function blockActionsBody(user: string, actionId: string, caseId: string, messageTs: string): string {
  const payload = {
    type: 'block_actions',
    team: { id: SLACK.team, domain: 'kefu' },
    user: { id: user, username: user.toLowerCase(), team_id: SLACK.team },
    api_app_id: 'A0KEFU',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: SLACK.channel, is_ephemeral: false },
    trigger_id: `trig.${Date.now()}`,
    channel: { id: SLACK.channel, name: 'kefu-agents' },
    message: { type: 'message', ts: messageTs, text: 'case' },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: `case:${caseId}`,
        value: caseId,
        text: { type: 'plain_text', text: 'Claim' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** POSTs `body` to /slack/events signed like Slack does; `override` forges parts of it. */
export async function postSigned(
  baseUrl: string,
  body: string,
  override: { signature?: string | null; timestamp?: number; contentType?: string; secret?: string } = {},
): Promise<Response> {
  const timestamp = String(override.timestamp ?? Math.floor(Date.now() / 1000));
  const contentType =
    override.contentType ??
    (body.startsWith('payload=') ? 'application/x-www-form-urlencoded' : 'application/json');
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': timestamp,
  };
  const signature =
    override.signature === undefined
      ? slackSignature(override.secret ?? SLACK.secret, timestamp, body)
      : override.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
}
