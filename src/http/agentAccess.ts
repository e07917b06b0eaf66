import { systemClock, type Clock } from '../domain/clock.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { AuthError, RateLimitError } from '../errors.js';
import type { KeyValueStore } from '../store/types.js';
import { clientIp } from './rateLimit.js';
import { bearerToken } from './requestToken.js';

/** Options of AgentAccess; defaults suit people typing a token, not scripts guessing one. */
export interface AgentAccessOptions {
  kv: KeyValueStore;
  /** Agent name of a token (constant-time), else undefined. */
  authenticate: (token: string | undefined) => string | undefined;
  /** Failed agent authentications per address and minute before 429 (default 10). */
  failuresPerMinute?: number;
  /** Lifetime of an event-stream ticket (default 30 s). */
  ticketTtlSeconds?: number;
  clock?: Clock;
}

const hashed = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

/**
 * How agents authenticate: the `Authorization: Bearer` header only — never a `?token=` query
 * parameter, which ends up in logs and browser history. The console's EventSource cannot send
 * headers, so it first trades its header for a short-lived, single-use stream ticket
 * (`issueTicket`) and opens the stream with `?ticket=`. Failed attempts are counted per address
 * (in the store, so all workers share them); past the limit every attempt from that address is
 * refused with 429 for the rest of the minute, valid token or not, so the answer says nothing.
 */
export class AgentAccess {
  private readonly limit: number;
  private readonly ticketTtl: number;
  private readonly now: () => number;

  constructor(private readonly options: AgentAccessOptions) {
    this.limit = options.failuresPerMinute ?? 10;
    this.ticketTtl = options.ticketTtlSeconds ?? 30;
    const clock = options.clock ?? systemClock;
    this.now = () => clock.nowMs();
  }

  /** The agent of a request (header; a stream ticket only when `allowTicket`), else AuthError or RateLimitError. */
  async agentOf(req: Request, options: { allowTicket?: boolean } = {}): Promise<string> {
    const seconds = Math.floor(this.now() / 1000);
    const key = `rl:agent-auth-fail:${clientIp(req)}:${Math.floor(seconds / 60)}`;
    if (Number((await this.options.kv.get(key)) ?? 0) >= this.limit)
      throw new RateLimitError(60 - (seconds % 60));
    const header = bearerToken(req.headers.authorization);
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
    if (!header && options.allowTicket && ticket) {
      const agent = await this.redeem(ticket);
      if (agent) return agent;
      throw new AuthError('missing, used or expired stream ticket');
    }
    const agent = this.options.authenticate(header);
    if (agent) return agent;
    await this.options.kv.increment(key, 61);
    throw new AuthError('missing or invalid agent token');
  }

  /** A single-use ticket that opens the agent's event stream within `ticketTtlSeconds`. */
  async issueTicket(agent: string): Promise<{ ticket: string; expiresInSeconds: number }> {
    const ticket = randomBytes(24).toString('base64url');
    await this.options.kv.set(`agent-ticket:${hashed(ticket)}`, agent, { ttlSeconds: this.ticketTtl });
    return { ticket, expiresInSeconds: this.ticketTtl };
  }

  /** The agent a ticket was issued to; the ticket is gone afterwards (one winner when raced). */
  private async redeem(ticket: string): Promise<string | undefined> {
    if (!/^[\w-]{32}$/.test(ticket)) return undefined;
    const key = `agent-ticket:${hashed(ticket)}`;
    const agent = await this.options.kv.get(key);
    return agent && (await this.options.kv.deleteIfEquals(key, agent)) ? agent : undefined;
  }
}
