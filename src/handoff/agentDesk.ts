import type { CasePage, CaseQuery } from '../store/types.js';
import type { ActionSource, Case, CaseStatus } from '../domain/case.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { toZonedIso } from '../domain/zonedTime.js';
import type { CaseStore, PubSub } from '../store/types.js';
import type { DeskHooks } from './complaintDesk.js';
import type { OutboundDispatcher } from './ports.js';
import { publishAgentEvent } from './agentEvents.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';

/** What agent actions need: the cases, the live events, the user's channel, and the time. */
export interface AgentDeskDeps {
  cases: CaseStore;
  pubsub: PubSub;
  dispatcher: OutboundDispatcher;
  /** Business time zone: case times are ISO with its offset. */
  timeZone: string;
  clock?: Clock;
  hooks?: DeskHooks;
  /** An assigned case whose agent has been silent this long can be reclaimed (default 15 min). */
  staleAfterMs?: number;
}

/** Result of an agent's message: the case, and whether the user's channel took it. */
export interface AgentMessageResult {
  case: Case;
  delivered: boolean;
  error?: string;
}

const RESOLVED_TEXT = {
  'zh-CN': (id: string, note: string) => `您的投诉 ${id} 已处理完毕：${note}\n如有其他问题，可以随时问我。`,
  en: (id: string, note: string) =>
    `Your complaint ${id} has been resolved: ${note}\nI'm back — ask me anything else any time.`,
};

/** `{via}` for a case event when the action came from elsewhere than the API (e.g. Slack). */
const source = (via?: ActionSource) => (via ? { via } : {});

/**
 * What agents do with cases: claim (atomic: one winner), reclaim from an agent who disappeared,
 * answer the user on their own channel, resolve (the bot resumes at once).
 */
export class AgentDesk {
  private readonly clock: Clock;

  constructor(private readonly deps: AgentDeskDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** The business time zone (dates in filters are days there). */
  get timeZone(): string {
    return this.deps.timeZone;
  }

  private stamp(): string {
    return toZonedIso(this.clock.now(), this.deps.timeZone);
  }

  /** Whether `agent` holds the case: assigned to them, not resolved or taken over since. */
  private static heldBy(agent: string): (c: Case) => boolean {
    return (c) => c.status === 'assigned' && c.assignee === agent;
  }

  async get(id: string): Promise<Case> {
    const c = await this.deps.cases.get(id);
    if (!c) throw new NotFoundError(`no case ${id}`);
    return c;
  }

  listByStatus(status: CaseStatus): Promise<Case[]> {
    return this.deps.cases.listByStatus(status);
  }

  /** The filtered, paginated list of the agent API. */
  search(query: CaseQuery): Promise<CasePage> {
    return this.deps.cases.search(query);
  }

  /** `via` records where the agent acted from (absent: the API or console). */
  async claim(id: string, agent: string, via?: ActionSource): Promise<Case> {
    const at = this.stamp();
    // One conditional UPDATE … WHERE status = 'queued': exactly one winner across processes.
    const result = await this.deps.cases.claim(id, agent, at, via);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new NotFoundError(`no case ${id}`);
      if (result.case?.status === 'assigned' && result.case.assignee === agent) return result.case; // idempotent
      throw new ConflictError(
        `case ${id} is ${result.case?.status ?? 'gone'}${result.case?.assignee ? ` (claimed by ${result.case.assignee})` : ''}`,
      );
    }
    const c = result.case; // the assigned case is what hands the conversation to the agent (ownership.ts)
    await publishAgentEvent(this.deps.pubsub, { type: 'case_claimed', caseId: c.id, agent });
    this.deps.hooks?.onClaimed?.(c);
    return c;
  }

  /** Takes over an assigned case whose agent has been silent for `staleAfterMs` (default 15 min). */
  async reclaim(id: string, agent: string): Promise<Case> {
    const staleAfter = this.deps.staleAfterMs ?? 15 * 60_000;
    const now = this.clock.nowMs();
    const lastActivity = (c: Case) =>
      Math.max(
        Date.parse(c.claimedAt ?? c.createdAt),
        ...c.events.filter((e) => e.by === c.assignee).map((e) => Date.parse(e.at)),
      );
    const at = this.stamp();
    const result = await this.deps.cases.update(
      id,
      (c) => c.status === 'assigned' && c.assignee !== agent && now - lastActivity(c) >= staleAfter,
      (c) => ({
        ...c,
        assignee: agent,
        claimedAt: at,
        updatedAt: at,
        events: [...c.events, { type: 'reclaimed', at, by: agent, detail: `from ${c.assignee ?? '?'}` }],
      }),
    );
    if (!result.ok) {
      if (result.reason === 'not_found') throw new NotFoundError(`no case ${id}`);
      throw new ConflictError(
        `case ${id} cannot be reclaimed: it is ${result.case?.status ?? 'gone'} and its agent was active recently`,
      );
    }
    const c = result.case;
    await publishAgentEvent(this.deps.pubsub, { type: 'case_claimed', caseId: c.id, agent });
    return c;
  }

  private async assertAssignee(id: string, agent: string): Promise<Case> {
    const c = await this.get(id);
    if (c.status !== 'assigned') throw new ConflictError(`case ${id} is ${c.status}, not assigned`);
    if (c.assignee !== agent) throw new ForbiddenError(`case ${id} is assigned to another agent`);
    return c;
  }

  /**
   * Records the agent's message on the case — only while the agent still holds it, in the same
   * compare-and-set — then delivers it on the user's channel; a failed delivery is recorded too.
   */
  async message(id: string, agent: string, text: string, via?: ActionSource): Promise<AgentMessageResult> {
    await this.assertAssignee(id, agent);
    const at = this.stamp();
    const recorded = await this.deps.cases.update(id, AgentDesk.heldBy(agent), (cur) => ({
      ...cur,
      updatedAt: at,
      transcript: [...cur.transcript, { from: 'agent', text, at }],
      events: [...cur.events, { type: 'agent_message', at, by: agent, ...source(via) }],
    }));
    if (!recorded.ok) {
      if (recorded.reason === 'not_found') throw new NotFoundError(`no case ${id}`);
      throw new ForbiddenError(`case ${id} is no longer assigned to ${agent}`);
    }
    const c = recorded.case;
    const delivery = await this.deps.dispatcher.deliver(
      { channel: c.channel, userId: c.userId },
      { type: 'agent', text, agent, caseId: id },
    );
    const error = delivery.ok ? undefined : delivery.error;
    let result = c;
    if (error) {
      const failed = await this.deps.cases.update(
        id,
        () => true,
        (cur) => ({
          ...cur,
          events: [...cur.events, { type: 'delivery_failed', at, by: agent, detail: error, ...source(via) }],
        }),
      );
      if (failed.ok) result = failed.case;
    }
    await publishAgentEvent(
      this.deps.pubsub,
      error ? { type: 'delivery_failed', caseId: id, error } : { type: 'agent_message', caseId: id, agent },
    );
    return { case: result, delivered: !error, error };
  }

  async resolve(id: string, agent: string, note: string, via?: ActionSource): Promise<AgentMessageResult> {
    await this.assertAssignee(id, agent);
    const at = this.stamp();
    const result = await this.deps.cases.update(id, AgentDesk.heldBy(agent), (c) => ({
      ...c,
      status: 'resolved',
      resolutionNote: note,
      updatedAt: at,
      events: [
        ...c.events,
        { type: 'resolved', at, by: agent, detail: note, ...source(via) },
        { type: 'handoff_ended', at, by: agent, ...source(via) },
      ],
    }));
    if (!result.ok) throw new ConflictError(`case ${id} changed while resolving; try again`);
    const c = result.case;
    // Resolved: the bot owns the conversation again (ownership.ts) before the user hears about it.
    const delivery = await this.deps.dispatcher.deliver(
      { channel: c.channel, userId: c.userId },
      { type: 'system', reply: { text: RESOLVED_TEXT[c.locale](c.id, note) } },
    );
    await publishAgentEvent(this.deps.pubsub, { type: 'case_resolved', caseId: id, agent });
    this.deps.hooks?.onResolved?.(c);
    return { case: c, delivered: delivery.ok, error: delivery.ok ? undefined : delivery.error };
  }
}
