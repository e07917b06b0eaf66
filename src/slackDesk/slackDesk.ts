import type { Logger } from 'pino';
import type { AgentDesk } from '../handoff/agentDesk.js';
import type { Case } from '../domain/case.js';
import type { DeskHooks } from '../handoff/complaintDesk.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { KeyValueStore } from '../store/types.js';
import { caseBlocks, caseText, threadText } from './caseBlocks.js';
import type { SlackApi } from './slackApi.js';
import { ThreadLinks } from './threadLinks.js';

export interface SlackDeskDeps {
  api: SlackApi;
  agentDesk: AgentDesk;
  kv: KeyValueStore;
  /** Channel id where cases are announced. */
  agentsChannel: string;
  /** Slack user id → kefu agent name. */
  agents: ReadonlyMap<string, string>;
  log: Logger;
}

/** A message an agent wrote in a Slack thread. */
export interface ThreadMessage {
  slackUser: string;
  channel: string;
  threadTs: string;
  text: string;
}

/** Note the user reads when a case is resolved with the button (no text to go with it). */
const BUTTON_NOTE = { 'zh-CN': '请参阅客服给您的回复。', en: "please see our agent's messages above." };

/** `resolve: <note>` (also with a full-width colon). */
const RESOLVE_COMMAND = /^resolve\s*[:：]\s*([\s\S]*)$/i;

/** Slack mrkdwn as the user should read it: entities decoded, `<url|label>` → `label (url)`. */
export function slackToPlain(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * The Slack side of the agent desk, free of Botkit: announces cases in the agents channel, keeps
 * each case's thread current, and turns what agents do in Slack into the same AgentDesk calls
 * the agent API makes (recorded on the case with `via: "slack"`).
 *
 * Slack calls made from desk hooks run in the background, one after another per case, and
 * never throw (failures are logged); `idle()` waits for them.
 */
export class SlackDesk {
  private readonly links: ThreadLinks;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: SlackDeskDeps) {
    this.links = new ThreadLinks(deps.kv);
  }

  /** Hooks for the complaint desk: new case, claim, resolve, user message → Slack. */
  hooks(): DeskHooks {
    return {
      onCaseOpened: (c) => this.schedule(c.id, 'announce', () => this.announce(c)),
      onClaimed: (c) => this.schedule(c.id, 'claimed', () => this.refresh(c.id, 'claimed')),
      onResolved: (c) => this.schedule(c.id, 'resolved', () => this.refresh(c.id, 'resolved')),
      onUserMessage: (c, text) =>
        this.schedule(c.id, 'user_message', () => this.postInThread(c.id, threadText.userMessage(text))),
    };
  }

  /**
   * Erasure of a person's data (privacy/erasure.ts), after their cases were anonymized: each
   * case's root message is re-rendered from the anonymous case, the thread is told, and the
   * thread link is forgotten. Returns how many Slack threads were scrubbed.
   */
  async eraseThreads(caseIds: readonly string[]): Promise<number> {
    let scrubbed = 0;
    await Promise.all(
      caseIds.map((caseId) =>
        this.enqueue(caseId, 'erase', async () => {
          const ref = await this.links.threadOf(caseId);
          if (!ref) return;
          const c = await this.deps.agentDesk.get(caseId);
          await this.deps.api.update(ref, caseText(c), caseBlocks(c));
          await this.deps.api.postMessage({
            channel: ref.channel,
            threadTs: ref.ts,
            text: threadText.erased(),
          });
          await this.links.remove(caseId, ref);
          scrubbed += 1;
        }),
      ),
    );
    return scrubbed;
  }

  /** Resolves once every scheduled Slack call has finished. */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  /**
   * Entry points for what arrives from Slack. Each returns once the work is queued (Slack wants
   * its answer within 3 s); the work runs after earlier work on the same case.
   */
  onClaimButton(slackUser: string, caseId: string): void {
    this.schedule(caseId, 'claim', () => this.claim(slackUser, caseId));
  }

  onResolveButton(slackUser: string, caseId: string): void {
    this.schedule(caseId, 'resolve_button', () => this.resolveButton(slackUser, caseId));
  }

  /** A message in a channel: only replies in a case's thread matter; the rest is ignored. */
  async onThreadMessage(m: ThreadMessage): Promise<void> {
    const caseId = await this.links.caseOf(m.channel, m.threadTs);
    if (caseId) this.schedule(caseId, 'thread_message', () => this.threadMessage(caseId, m));
  }

  /** The Claim button: the same atomic claim as the API; the loser is told who won. */
  private async claim(slackUser: string, caseId: string): Promise<void> {
    const agent = this.deps.agents.get(slackUser);
    if (!agent) return this.postInThread(caseId, threadText.notAnAgent(slackUser));
    try {
      await this.deps.agentDesk.claim(caseId, agent, 'slack');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const c = await this.deps.agentDesk.get(caseId);
      await this.postInThread(caseId, threadText.alreadyClaimed(slackUser, c));
    }
  }

  /** The Resolve button: resolves with a short note pointing the user at the agent's messages. */
  private async resolveButton(slackUser: string, caseId: string): Promise<void> {
    const c = await this.deps.agentDesk.get(caseId);
    await this.act(slackUser, c, (agent) =>
      this.deps.agentDesk.resolve(caseId, agent, BUTTON_NOTE[c.locale], 'slack'),
    );
  }

  /**
   * A reply in a case's thread: `resolve: <note>` resolves the case, `//…` stays internal,
   * anything else from the case's agent goes to the user on their channel.
   */
  private async threadMessage(caseId: string, m: ThreadMessage): Promise<void> {
    const text = slackToPlain(m.text);
    if (!text || text.startsWith('//')) return;
    const c = await this.deps.agentDesk.get(caseId);
    const command = RESOLVE_COMMAND.exec(text);
    if (command) {
      const note = command[1]?.trim() ?? '';
      if (!note) return this.postInThread(caseId, threadText.emptyNote(m.slackUser));
      return this.act(m.slackUser, c, (agent) => this.deps.agentDesk.resolve(caseId, agent, note, 'slack'));
    }
    await this.act(m.slackUser, c, (agent) => this.deps.agentDesk.message(caseId, agent, text, 'slack'));
  }

  /** Runs an assignee-only action for a Slack user; refusals are explained in the thread. */
  private async act(
    slackUser: string,
    c: Case,
    action: (agent: string) => Promise<{ delivered: boolean; error?: string }>,
  ): Promise<void> {
    const agent = this.deps.agents.get(slackUser);
    if (!agent) return this.postInThread(c.id, threadText.notAnAgent(slackUser));
    try {
      const result = await action(agent);
      if (!result.delivered)
        await this.postInThread(c.id, threadText.notDelivered(result.error ?? 'unknown error'));
    } catch (err) {
      if (err instanceof ForbiddenError) return this.postInThread(c.id, threadText.notAssignee(slackUser, c));
      if (err instanceof ConflictError) {
        const now = await this.deps.agentDesk.get(c.id);
        return this.postInThread(c.id, threadText.notClaimed(slackUser, now));
      }
      throw err;
    }
  }

  private async announce(c: Case): Promise<void> {
    const ref = await this.deps.api.postMessage({
      channel: this.deps.agentsChannel,
      text: caseText(c),
      blocks: caseBlocks(c),
    });
    await this.links.save(c.id, ref);
    this.deps.log.info({ caseId: c.id, slackTs: ref.ts }, 'case announced in slack');
  }

  /** Re-renders the root message from the stored case and says in the thread what happened. */
  private async refresh(caseId: string, what: 'claimed' | 'resolved'): Promise<void> {
    const ref = await this.links.threadOf(caseId);
    if (!ref) return;
    const c = await this.deps.agentDesk.get(caseId);
    await this.deps.api.update(ref, caseText(c), caseBlocks(c));
    const fromSlack =
      c.events.findLast((e) => e.type === 'claimed' || e.type === 'reclaimed')?.via === 'slack';
    await this.deps.api.postMessage({
      channel: ref.channel,
      threadTs: ref.ts,
      text: what === 'claimed' ? threadText.claimed(c, fromSlack) : threadText.resolved(c),
    });
  }

  private async postInThread(caseId: string, text: string): Promise<void> {
    const ref = await this.links.threadOf(caseId);
    if (!ref) {
      this.deps.log.warn({ caseId }, 'case has no slack thread; message not posted');
      return;
    }
    await this.deps.api.postMessage({ channel: ref.channel, threadTs: ref.ts, text });
  }

  private schedule(caseId: string, what: string, task: () => Promise<void>): void {
    void this.enqueue(caseId, what, task);
  }

  /** Runs `task` after the case's earlier Slack work; the promise settles when it has run (never rejects). */
  private enqueue(caseId: string, what: string, task: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(caseId) ?? Promise.resolve();
    const next = previous
      .then(task)
      .catch((err: unknown) => {
        if (err instanceof NotFoundError) return;
        this.deps.log.error({ err, caseId, what }, 'slack desk call failed');
      })
      .finally(() => {
        if (this.chains.get(caseId) === next) this.chains.delete(caseId);
      });
    this.chains.set(caseId, next);
    return next;
  }
}
