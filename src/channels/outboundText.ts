import { toPlainText, type OutboundMessage, type Reply } from '../domain/message.js';

/**
 * Several engine replies as one plain text, for channels without buttons (WeChat, Weibo): each
 * reply's quick replies become a 【…】 hint line; replies are separated by a blank line.
 */
export function repliesText(replies: readonly Reply[]): string {
  return replies
    .map((r) => toPlainText(r).trim())
    .filter((t) => t.length > 0)
    .join('\n\n');
}

/**
 * The plain text of an outbound message (an agent's words, or a bot/system reply) — the one
 * place text-only channels turn an OutboundMessage into what the user reads.
 */
export function outboundText(message: OutboundMessage): string {
  return message.type === 'agent' ? message.text.trim() : repliesText([message.reply]);
}
