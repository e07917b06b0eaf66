import type { CasePage, CaseQuery } from '../store/types.js';
import type { ActionSource, Case, CaseStatus } from '../domain/case.js';
import type { ComplaintDeskService } from './complaintDesk.js';
import { publishAgentEvent } from './agentEvents.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';

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
  constructor(
    private readonly desk: ComplaintDeskService,
    private readonly options: { staleAfterMs?: number } = {},
  ) {}

  /** The business time zone (dates in filters are days there). */
  get timeZone(): string {
    return this.desk.timeZone;
  }

  private get store() {
    return this.desk.deps.store;
  }

  async get(id: string): Promise<Case> {
    const c = await this.store.cases.get(id);
    if (!c) throw new NotFoundError(`no case ${id}`);
    return c;
  }

  listByStatus(status: CaseStatus): Promise<Case[]> {
    return this.store.cases.listByStatus(status);
  }

  /** The filtered, paginated list of the agent API. */
  search(query: CaseQuery): Promise<CasePage> {
    return this.store.cases.search(query);
  }

  /** `via` records where the agent acted from (absent: the API or console). */
  async claim(id: string, agent: string, via?: ActionSource): Promise<Case> {
    const at = this.desk.stamp();
    // One conditional UPDATE … WHERE status = 'queued': exactly one winner across processes.
    const result = await this.store.cases.claim(id, agent, at, via);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new NotFoundError(`no case ${id}`);
      if (result.case?.status === 'assigned' && result.case.assignee === agent) return result.case; // idempotent
      throw new ConflictError(
        `case ${id} is ${result.case?.status ?? 'gone'}${result.case?.assignee ? ` (claimed by ${result.case.assignee})` : ''}`,
      );
    }
    const c = result.case;
    await this.desk.ownership.setAgent({ channel: c.channel, userId: c.userId }, c.id, agent, at);
    await publishAgentEvent(this.store.pubsub, { type: 'case_claimed', caseId: c.id, agent });
    this.desk.deps.hooks?.onClaimed?.(c);
    return c;
  }

  /** Takes over an assigned case whose agent has been silent for `staleAfterMs` (default 15 min). */
  async reclaim(id: string, agent: string): Promise<Case> {
    const staleAfter = this.options.staleAfterMs ?? 15 * 60_000;
    const now = this.desk.now().getTime();
    const lastActivity = (c: Case) =>
      Math.max(
        Date.parse(c.claimedAt ?? c.createdAt),
        ...c.events.filter((e) => e.by === c.assignee).map((e) => Date.parse(e.at)),
      );
    const at = this.desk.stamp();
    const result = await this.store.cases.update(
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
    await this.desk.ownership.setAgent({ channel: c.channel, userId: c.userId }, c.id, agent, at);
    await publishAgentEvent(this.store.pubsub, { type: 'case_claimed', caseId: c.id, agent });
    return c;
  }

  private async assertAssignee(id: string, agent: string): Promise<Case> {
    const c = await this.get(id);
    if (c.status !== 'assigned') throw new ConflictError(`case ${id} is ${c.status}, not assigned`);
    if (c.assignee !== agent) throw new ForbiddenError(`case ${id} is assigned to another agent`);
    return c;
  }

  async message(id: string, agent: string, text: string, via?: ActionSource): Promise<AgentMessageResult> {
    const c = await this.assertAssignee(id, agent);
    const at = this.desk.stamp();
    const delivery = await this.desk.deps.dispatcher.deliver(
      { channel: c.channel, userId: c.userId },
      { type: 'agent', text, agent, caseId: id },
    );
    const error = delivery.ok ? undefined : delivery.error;
    const result = await this.store.cases.update(
      id,
      () => true,
      (cur) => ({
        ...cur,
        updatedAt: at,
        transcript: [...cur.transcript, { from: 'agent', text, at }],
        events: [
          ...cur.events,
          { type: 'agent_message', at, by: agent, ...source(via) },
          ...(error
            ? [{ type: 'delivery_failed' as const, at, by: agent, detail: error, ...source(via) }]
            : []),
        ],
      }),
    );
    if (!result.ok) throw new NotFoundError(`no case ${id}`);
    await publishAgentEvent(
      this.store.pubsub,
      error ? { type: 'delivery_failed', caseId: id, error } : { type: 'agent_message', caseId: id, agent },
    );
    return { case: result.case, delivered: !error, error };
  }

  async resolve(id: string, agent: string, note: string, via?: ActionSource): Promise<AgentMessageResult> {
    await this.assertAssignee(id, agent);
    const at = this.desk.stamp();
    const result = await this.store.cases.update(
      id,
      (c) => c.status === 'assigned' && c.assignee === agent,
      (c) => ({
        ...c,
        status: 'resolved',
        resolutionNote: note,
        updatedAt: at,
        events: [
          ...c.events,
          { type: 'resolved', at, by: agent, detail: note, ...source(via) },
          { type: 'handoff_ended', at, by: agent, ...source(via) },
        ],
      }),
    );
    if (!result.ok) throw new ConflictError(`case ${id} changed while resolving; try again`);
    const c = result.case;
    // The bot owns the conversation again before the user hears about it.
    await this.desk.ownership.release({ channel: c.channel, userId: c.userId }, c.id);
    const delivery = await this.desk.deps.dispatcher.deliver(
      { channel: c.channel, userId: c.userId },
      { type: 'system', reply: { text: RESOLVED_TEXT[c.locale](c.id, note) } },
    );
    await publishAgentEvent(this.store.pubsub, { type: 'case_resolved', caseId: id, agent });
    this.desk.deps.hooks?.onResolved?.(c);
    return { case: c, delivered: delivery.ok, error: delivery.ok ? undefined : delivery.error };
  }
}
