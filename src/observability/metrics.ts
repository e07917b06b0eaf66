import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client';

/**
 * The engine's observer hooks as metrics sees them (structurally the engine's `EngineHooks`,
 * declared here so observability depends on nothing above it).
 */
export interface TurnMetricsHooks {
  onTurn(info: { intent: string; channel: string; fallback: boolean }): void;
  onIntake(event: string, durationMs?: number): void;
}

/** Prometheus metrics of one kefu process (own registry, so tests can create many apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'kefu_turns_total',
    help: 'Conversation turns',
    labelNames: ['channel'],
    registers: [this.registry],
  });
  readonly intents = new Counter({
    name: 'kefu_intents_total',
    help: 'Turns by intent',
    labelNames: ['intent'],
    registers: [this.registry],
  });
  readonly fallbacks = new Counter({
    name: 'kefu_fallbacks_total',
    help: 'Turns the bot could not answer',
    registers: [this.registry],
  });
  readonly turnLatency = new Histogram({
    name: 'kefu_turn_duration_seconds',
    help: 'Time to handle one turn',
    labelNames: ['channel'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly intake = new Counter({
    name: 'kefu_intake_total',
    help: 'Complaint intakes by outcome',
    labelNames: ['event'],
    registers: [this.registry],
  });
  readonly intakeDuration = new Histogram({
    name: 'kefu_intake_duration_seconds',
    help: 'Time from intake start to completion',
    buckets: [10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });
  readonly webhookRequests = new Counter({
    name: 'kefu_webhook_requests_total',
    help: 'Webhook requests by channel and outcome',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  readonly llmFallbacks = new Counter({
    name: 'kefu_llm_fallbacks_total',
    help: 'LLM calls that fell back to rules',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly sseClients = new Gauge({
    name: 'kefu_sse_clients',
    help: 'Open SSE connections',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    // The event-loop-lag sampler is a libuv timer: prom-client's 10 ms default woke an idle
    // process 100 times a second (about 10 ms of CPU per second); 100 ms still shows real lag.
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }

  /** Engine hooks that feed these metrics. */
  engineHooks(): TurnMetricsHooks {
    return {
      onTurn: ({ intent, channel, fallback }) => {
        this.turns.inc({ channel });
        this.intents.inc({ intent });
        if (fallback) this.fallbacks.inc();
      },
      onIntake: (event, durationMs) => {
        this.intake.inc({ event });
        if (event === 'completed' && durationMs !== undefined) this.intakeDuration.observe(durationMs / 1000);
      },
    };
  }
}
