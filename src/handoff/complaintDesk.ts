import { systemClock, type Clock } from '../domain/clock.js';
import type { Logger } from 'pino';
import type { Attachment } from '../domain/message.js';
import { caseEvidenceText, fileEvidence } from '../domain/evidence.js';
import type { Store } from '../store/types.js';
import type { BusinessCalendar } from './businessCalendar.js';
import type { Facts } from '../knowledge/schema.js';
import { toZonedIso } from '../domain/zonedTime.js';
import { derivedCaseId, newCaseId } from '../domain/caseId.js';
import { CaseSchema, type Case, type CaseEvent } from '../domain/case.js';
import { ownerOf } from './ownership.js';
import type { ComplaintDesk, NewCaseInput, Owner, OutboundDispatcher, StaffingInfo } from './ports.js';
import type { ConversationRef } from '../domain/conversation.js';
import { staffing } from './staffing.js';
import { publishAgentEvent } from './agentEvents.js';
import { ConflictError } from '../errors.js';

/** Counters the server plugs metrics into. */
export interface DeskHooks {
  /** Right after a new case is durable, before it is queued (a test hook kills the process here). */
  onCaseWritten?(c: Case): void;
  onCaseOpened?(c: Case): void;
  onClaimed?(c: Case): void;
  onResolved?(c: Case): void;
  /** A user's message was added to a case (the Slack desk posts it into the case's thread). */
  onUserMessage?(c: Case, text: string): void;
}

export interface DeskDeps {
  store: Store;
  calendar: BusinessCalendar;
  /** Staffed hours and processing times (due dates) from `knowledge/facts.json`. */
  facts: Facts;
  dispatcher: OutboundDispatcher;
  log: Logger;
  clock?: Clock;
  hooks?: DeskHooks;
}

/**
 * The complaint desk: opens cases (durable first, then queued and announced), tells the engine who
 * owns a conversation, and relays user messages to agents. Agent actions live in AgentDesk.
 */
export class ComplaintDeskService implements ComplaintDesk {
  readonly now: () => Date;

  constructor(readonly deps: DeskDeps) {
    const clock = deps.clock ?? systemClock;
    this.now = () => clock.now();
  }

  get timeZone(): string {
    return this.deps.calendar.timeZone;
  }

  /** ISO time with the business zone's offset. */
  stamp(date = this.now()): string {
    return toZonedIso(date, this.timeZone);
  }

  async openCase(input: NewCaseInput): Promise<Case> {
    const now = this.now();
    const at = this.stamp(now);
    const events: CaseEvent[] = [
      { type: 'created', at },
      { type: 'handoff_started', at },
    ];
    const candidateId = (attempt: number): string => {
      if (!input.id) return newCaseId(now, this.timeZone);
      return attempt === 0 ? input.id : derivedCaseId(input.id, attempt);
    };
    const sla = this.deps.facts.processing;
    for (let attempt = 0; ; attempt++) {
      const candidate = CaseSchema.parse({
        id: candidateId(attempt),
        channel: input.channel,
        userId: input.userId,
        category: input.category,
        orderId: input.orderId,
        description: input.description,
        evidence: input.evidence.map(caseEvidenceText),
        resolution: input.resolution,
        contact: input.contact,
        missing: input.missing?.length ? input.missing : undefined,
        status: 'queued',
        createdAt: at,
        firstResponseDue: this.stamp(
          this.deps.calendar.addBusinessDays(now, sla.firstResponseBusinessDays.max),
        ),
        resolutionDue: this.stamp(this.deps.calendar.addBusinessDays(now, sla.resolutionBusinessDays)),
        transcript: input.transcript,
        events,
        locale: input.locale,
        updatedAt: at,
      });
      const result = await this.deps.store.cases.create(candidate); // durable before anyone hears of it
      if (result.created) {
        this.deps.hooks?.onCaseWritten?.(result.case);
        await this.enqueue(result.case);
        this.deps.hooks?.onCaseOpened?.(result.case);
        return result.case;
      }
      const existing = result.case;
      if (input.id && existing.channel === input.channel && existing.userId === input.userId) {
        // A retried confirm: this conversation wrote the case before (maybe right before a crash).
        // Queue it again while still waiting, in case the crash came before the first enqueue.
        if (existing.status === 'queued') await this.enqueue(existing);
        return existing;
      }
      if (attempt >= 4) throw new ConflictError(`no free case id after ${attempt + 1} attempts`);
    }
  }

  /**
   * Queueing is best effort once the case exists: agents also list by status, and the sweeper
   * (caseSweeper.ts) re-queues a queued case whose id never reached the queue (no `enqueued_at`).
   */
  private async enqueue(c: Case): Promise<void> {
    try {
      await this.deps.store.queue.enqueue(c.id);
      await this.deps.store.cases.markEnqueued(c.id, this.stamp());
    } catch (err) {
      this.deps.log.error({ err, caseId: c.id }, 'enqueue failed; the sweeper will retry');
    }
  }

  listCases(ref: ConversationRef): Promise<Case[]> {
    return this.deps.store.cases.listByUser(ref.channel, ref.userId);
  }

  ownerOf(ref: ConversationRef): Promise<Owner> {
    return ownerOf(this.deps.store.cases, ref);
  }

  async relayUserMessage(caseId: string, text: string, attachments: Attachment[] = []): Promise<void> {
    const at = this.stamp();
    const extra = attachments.map((a) => `[${a.type}] ${a.url ?? a.mediaId ?? ''}`.trim());
    const line = [text, ...extra].filter(Boolean).join('\n');
    const result = await this.deps.store.cases.update(
      caseId,
      () => true,
      (c) => ({
        ...c,
        transcript: [...c.transcript, { from: 'user', text: line, at }],
        events: [...c.events, { type: 'user_message', at }],
        evidence: [
          ...c.evidence,
          ...attachments.filter((a) => a.url ?? a.mediaId).map((a) => caseEvidenceText(fileEvidence(a))),
        ],
        updatedAt: at,
      }),
    );
    if (!result.ok) throw new ConflictError(`case ${caseId} could not take the message (${result.reason})`);
    this.deps.hooks?.onUserMessage?.(result.case, line);
    await publishAgentEvent(this.deps.store.pubsub, {
      type: 'user_message',
      caseId,
      text: line,
      assignee: result.case.assignee,
    });
  }

  async requestHuman(ref: Parameters<ComplaintDesk['requestHuman']>[0]): Promise<Case> {
    const p = ref.partial ?? {};
    return this.openCase({
      channel: ref.channel,
      userId: ref.userId,
      category: p.category ?? 'other',
      orderId: p.orderId ?? '',
      description: p.description ?? ref.reason,
      evidence: p.evidence ?? [],
      resolution: p.resolution ?? 'other',
      contact: p.contact,
      locale: ref.locale,
      transcript: ref.transcript,
      missing: ref.missing,
      id: ref.id,
    });
  }

  staffing(now: Date): StaffingInfo {
    return staffing(now, this.timeZone, this.deps.facts.hours);
  }
}
