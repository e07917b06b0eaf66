/** The Slack agent desk as kefu sees it: what it is given and what it hands back. */
import type { Router } from 'express';
import type { Clock } from '../domain/clock.js';
import type { Logger } from 'pino';
import type { AgentDesk } from '../handoff/agentDesk.js';
import type { DeskHooks } from '../handoff/complaintDesk.js';
import type { Metrics } from '../observability/metrics.js';
import type { KeyValueStore } from '../store/types.js';
import type { SlackConfig } from './slackConfig.js';

/** What the Slack agent desk needs from kefu. */
export interface SlackDeskDepsIn {
  config: SlackConfig;
  agentDesk: AgentDesk;
  kv: KeyValueStore;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Accepted clock skew of Slack's request timestamps (WEBHOOK_TIMESTAMP_WINDOW_S, 300 s). */
  timestampWindowSeconds: number;
}

/** A loaded Slack agent desk: its router (mounted at /slack/events) and its desk hooks. */
export interface SlackAgentDesk {
  readonly mountPath: '/slack/events';
  readonly router: Router;
  readonly hooks: DeskHooks;
  /** Scrubs the Slack threads of erased cases (a PersonalDataEraser's work); returns how many. */
  eraseThreads(caseIds: readonly string[]): Promise<number>;
  /** Resolves once every Slack call in flight has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Extension point: builds the Slack agent desk (tests wrap it in a spy). */
export type SlackDeskLoader = (deps: SlackDeskDepsIn) => Promise<SlackAgentDesk>;
