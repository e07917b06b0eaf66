import type { OutboundMessage, Reply } from '../../domain/message.js';
import type { DeliveryResult } from '../../domain/message.js';
import type { PubSub } from '../../store/types.js';
import type { ChannelSender } from '../registry.js';

/** Pub/sub topic of one web user's live messages. */
export const webUserTopic = (userId: string) => `web:${userId}`;

/** Renders an outbound message as the contract's Reply. */
export function toReply(message: OutboundMessage): Reply {
  return message.type === 'agent' ? { text: message.text } : message.reply;
}

/** Web delivery: publish to the user's topic; whichever process holds their SSE stream sends it. */
export class WebSender implements ChannelSender {
  constructor(private readonly pubsub: PubSub) {}

  async deliver(userId: string, message: OutboundMessage): Promise<DeliveryResult> {
    await this.pubsub.publish(webUserTopic(userId), JSON.stringify(toReply(message)));
    return { ok: true };
  }
}
