import type { Clock } from '../domain/clock.js';
import type { Router } from 'express';
import type { ChannelName } from '../domain/conversation.js';
import type { OutboundMessage } from '../domain/message.js';
import type { OutboundDispatcher } from '../handoff/ports.js';
import type { ConversationRef } from '../domain/conversation.js';
import type { DeliveryResult } from '../domain/message.js';
import type { RunTurn } from '../engine/turnRunner.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { KeyValueStore } from '../store/types.js';

/** What every channel adapter factory receives from the server. */
export interface ChannelDeps {
  runTurn: RunTurn;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  /** Injected for tests (fake platform servers); defaults to global fetch. */
  fetch?: typeof fetch;
  /** Default: the system clock. */
  clock?: Clock;
  /** Accepted clock skew of webhook timestamps (WEBHOOK_TIMESTAMP_WINDOW_S). */
  timestampWindowSeconds: number;
  /** How long a webhook waits for a turn before answering the platform and replying later (ms). */
  replyDeadlineMs?: number;
}

/** Sends messages to one user of one channel outside a request (agent replies, case updates). */
export interface ChannelSender {
  deliver(userId: string, message: OutboundMessage): Promise<DeliveryResult>;
}

/**
 * Extension point: one per channel. A channel verifies and parses its platform's payloads into
 * InboundMessages (its `router`, mounted at `mountPath`), and delivers outbound messages (`sender`).
 * It knows nothing of dialogue: it calls the turn runner and renders the replies.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  readonly mountPath?: string;
  readonly router?: Router;
  readonly sender: ChannelSender;
}

/** Channel name → adapter; also the OutboundDispatcher the complaint desk uses. */
export class ChannelRegistry implements OutboundDispatcher {
  private readonly adapters = new Map<ChannelName, ChannelAdapter>();

  register(adapter: ChannelAdapter): this {
    this.adapters.set(adapter.name, adapter);
    return this;
  }

  list(): ChannelAdapter[] {
    return [...this.adapters.values()];
  }

  async deliver(to: ConversationRef, message: OutboundMessage): Promise<DeliveryResult> {
    const adapter = this.adapters.get(to.channel);
    if (!adapter) return { ok: false, error: `channel ${to.channel} is not configured` };
    try {
      return await adapter.sender.deliver(to.userId, message);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
