import type { KnownBlock } from '@slack/web-api';
import type { Case } from '../domain/case.js';

/** `action_id`s of the buttons on a case's root message. */
export const ACTIONS = { claim: 'kefu_claim', resolve: 'kefu_resolve' } as const;

const CHANNEL_LABEL: Record<Case['channel'], string> = { web: 'web chat', wechat: 'WeChat', weibo: 'Weibo' };

/** Escapes text for Slack mrkdwn (`&`, `<`, `>` are control characters there). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `2026-11-30 18:00` from an ISO time with offset (already in the business time zone). */
function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function statusLine(c: Case): string {
  if (c.status === 'queued')
    return ':hourglass_flowing_sand: Waiting for an agent — press *Claim* to take it.';
  if (c.status === 'assigned')
    return `:bust_in_silhouette: Claimed by *${escapeMrkdwn(c.assignee ?? '?')}*. Replies in this thread go to the user; \`resolve: <note>\` closes the case; messages starting with \`//\` stay internal.`;
  const note = c.resolutionNote ? `: ${escapeMrkdwn(truncate(c.resolutionNote, 500))}` : '';
  return `:white_check_mark: ${c.status === 'resolved' ? 'Resolved' : 'Closed'} by *${escapeMrkdwn(c.assignee ?? '?')}*${note}`;
}

/** Plain-text notification of a case (also the fallback of its blocks). */
export function caseText(c: Case): string {
  return `Case ${c.id} (${CHANNEL_LABEL[c.channel]}, ${c.category}): ${truncate(c.description, 150)} [${c.status}]`;
}

/**
 * The root message of a case's thread: summary, due dates, status and the button that fits
 * the status (Claim while queued, Resolve while assigned, none after).
 */
export function caseBlocks(c: Case): KnownBlock[] {
  const summary = [
    `*Case ${c.id}* · ${CHANNEL_LABEL[c.channel]} · ${c.category} · wants *${c.resolution}*`,
    `>${escapeMrkdwn(truncate(c.description, 600)).replace(/\n/g, '\n>')}`,
    c.orderId ? `Order: \`${escapeMrkdwn(c.orderId)}\`` : 'Order: not given',
    c.evidence.length ? `Evidence: ${c.evidence.length} item(s)` : 'Evidence: none yet',
  ].join('\n');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `First opinion due *${shortTime(c.firstResponseDue)}* · completion due *${shortTime(c.resolutionDue)}* · opened ${shortTime(c.createdAt)}`,
        },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: statusLine(c) } },
  ];
  if (c.status === 'queued' || c.status === 'assigned') {
    const claim = c.status === 'queued';
    blocks.push({
      type: 'actions',
      block_id: `case:${c.id}`,
      elements: [
        {
          type: 'button',
          action_id: claim ? ACTIONS.claim : ACTIONS.resolve,
          text: { type: 'plain_text', text: claim ? 'Claim' : 'Resolve' },
          value: c.id,
          ...(claim ? { style: 'primary' as const } : {}),
        },
      ],
    });
  }
  return blocks;
}

/** Thread texts kefu posts. User text is escaped; `<@U…>` mentions the Slack user. */
export const threadText = {
  userMessage: (text: string) => `:speech_balloon: *User:* ${escapeMrkdwn(text)}`,
  claimed: (c: Case, fromSlack: boolean) =>
    `:raising_hand: *${escapeMrkdwn(c.assignee ?? '?')}* claimed the case${fromSlack ? '' : ' in the console'}. Replies in this thread go to the user on ${CHANNEL_LABEL[c.channel]}.`,
  resolved: (c: Case) =>
    `:white_check_mark: Resolved by *${escapeMrkdwn(c.assignee ?? '?')}*. The bot answers the user again.`,
  alreadyClaimed: (slackUser: string, c: Case) =>
    `<@${slackUser}> this case is already ${c.status === 'assigned' ? `claimed by *${escapeMrkdwn(c.assignee ?? '?')}*` : c.status}.`,
  notAnAgent: (slackUser: string) =>
    `<@${slackUser}> you are not on kefu's agent list (SLACK_AGENTS), so nothing was done. Ask an admin to add you.`,
  notAssignee: (slackUser: string, c: Case) =>
    `<@${slackUser}> only *${escapeMrkdwn(c.assignee ?? '?')}*, who claimed this case, can answer or resolve it. Nothing was sent.`,
  notClaimed: (slackUser: string, c: Case) =>
    `<@${slackUser}> this case is ${c.status}; ${c.status === 'queued' ? 'press *Claim* first. ' : ''}Nothing was sent to the user.`,
  emptyNote: (slackUser: string) =>
    `<@${slackUser}> write \`resolve: <a note for the user>\`; the note is what the user reads.`,
  notDelivered: (error: string) => `:warning: Not delivered to the user: ${escapeMrkdwn(error)}`,
  erased: () =>
    ':wastebasket: The user asked for their personal data to be erased: the case above is now anonymous. Earlier messages in this thread may still quote them; delete those by hand if your workspace keeps them.',
};
