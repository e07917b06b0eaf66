import type { Logger } from 'pino';
import type { Attachment } from '../engine/message.js';
import type { Store } from '../store/types.js';
import { SLA, toZonedIso, type BusinessCalendar } from './businessCalendar.js';
import { newCaseId } from './caseIds.js';
import { CaseSchema, type Case, type CaseEvent } from './caseModel.js';
import { Ownership } from './ownership.js';
import type {
  ComplaintDesk,
  ConversationRef,
  NewCaseInput,
  Owner,
  OutboundDispatcher,
  StaffingInfo,
} from './ports.js';
import { staffing } from './staffing.js';
import { publishAgentEvent } from './agentEvents.js';
import { ConflictError } from '../errors.js';

/** Counters the server plugs metrics into. */
export interface DeskHooks {
  onCaseOpened?(c: Case): void;
  onClaimed?(c: Case): void;
  onResolved?(c: Case): void;
}

export interface DeskDeps {
  store: Store;
  calendar: BusinessCalendar;
  dispatcher: OutboundDispatcher;
  log: Logger;
  now?: () => Date;
  hooks?: DeskHooks;
}

/**
 * The complaint desk: opens cases (durable first, then queued and announced), tells the engine who
 * owns a conversation, and relays user messages to agents. Agent actions live in AgentDesk.
 */
export class ComplaintDeskService implements ComplaintDesk {
  readonly ownership: Ownership;
  readonly now: () => Date;

  constructor(readonly deps: DeskDeps) {
    this.ownership = new Ownership(deps.store.kv);
    this.now = deps.now ?? (() => new Date());
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
    let c: Case | undefined;
    for (let attempt = 0; !c; attempt++) {
      const candidate = CaseSchema.parse({
        id: newCaseId(now, this.timeZone),
        channel: input.channel,
        userId: input.userId,
        category: input.category,
        orderId: input.orderId,
        description: input.description,
        evidence: input.evidence,
        resolution: input.resolution,
        contact: input.contact,
        status: 'queued',
        createdAt: at,
        firstResponseDue: this.stamp(this.deps.calendar.addBusinessDays(now, SLA.firstResponseBusinessDays)),
        resolutionDue: this.stamp(this.deps.calendar.addBusinessDays(now, SLA.resolutionBusinessDays)),
        transcript: input.transcript,
        events,
        locale: input.locale,
        updatedAt: at,
      });
      // Durable before anyone hears of it. A fresh id that already exists is a collision: draw again.
      const result = await this.deps.store.cases.create(candidate);
      if (result.created) c = result.case;
      else if (attempt >= 4) throw new Error(`no free case id after ${attempt + 1} attempts`);
    }
    const opened = c;
    // The case exists now; queueing is best effort here: the sweeper (caseSweeper.ts) re-queues a
    // case whose id never reached the queue.
    try {
      await this.deps.store.queue.enqueue(opened.id);
      await this.deps.store.cases.markEnqueued(opened.id, this.stamp());
    } catch (err) {
      this.deps.log.error({ err, caseId: opened.id }, 'enqueue failed; the sweeper will retry');
    }
    this.deps.hooks?.onCaseOpened?.(opened);
    return opened;
  }

  listCases(ref: ConversationRef): Promise<Case[]> {
    return this.deps.store.cases.listByUser(ref.channel, ref.userId);
  }

  ownerOf(ref: ConversationRef): Promise<Owner> {
    return this.ownership.get(ref);
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
        evidence: [...c.evidence, ...attachments.map((a) => a.url ?? a.mediaId ?? '').filter(Boolean)],
        updatedAt: at,
      }),
    );
    if (!result.ok) throw new ConflictError(`case ${caseId} could not take the message (${result.reason})`);
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
    });
  }

  staffing(now: Date): StaffingInfo {
    return staffing(now, this.timeZone);
  }
}
