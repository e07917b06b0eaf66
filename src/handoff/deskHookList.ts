import type { Case } from '../domain/case.js';
import type { DeskHooks } from './complaintDesk.js';

/**
 * Desk hooks that listeners can join after the desk is built (metrics at construction, the Slack
 * agent desk once it has loaded). Listeners are called in the order they were added.
 */
export class DeskHookList implements DeskHooks {
  private readonly listeners: DeskHooks[] = [];

  constructor(...initial: DeskHooks[]) {
    this.listeners.push(...initial);
  }

  add(hooks: DeskHooks): this {
    this.listeners.push(hooks);
    return this;
  }

  onCaseOpened(c: Case): void {
    for (const h of this.listeners) h.onCaseOpened?.(c);
  }

  onCaseWritten(c: Case): void {
    for (const h of this.listeners) h.onCaseWritten?.(c);
  }

  onClaimed(c: Case): void {
    for (const h of this.listeners) h.onClaimed?.(c);
  }

  onResolved(c: Case): void {
    for (const h of this.listeners) h.onResolved?.(c);
  }

  onUserMessage(c: Case, text: string): void {
    for (const h of this.listeners) h.onUserMessage?.(c, text);
  }
}
