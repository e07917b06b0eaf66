import { systemClock, type Clock } from './domain/clock.js';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ChannelRegistry, type ChannelDeps } from './channels/registry.js';
import { createWebEventsRouter } from './channels/web/eventsRouter.js';
import { WebSender } from './channels/web/webOutbound.js';
import { createPagesRouter } from './channels/web/pagesRouter.js';
import { createUploadsRouter } from './channels/web/uploadsRouter.js';
import { createWebRouter } from './channels/web/webRouter.js';
import { caseIdKey } from './store/storeSecret.js';
import { WebSessions, sessionRefresh } from './channels/web/webSessions.js';
import { createWechatAdapter } from './channels/wechat/wechatAdapter.js';
import { createWeiboAdapter } from './channels/weibo/weiboAdapter.js';
import type { TurnContext } from './engine/context.js';
import { createTurnRunner, type TurnRunner } from './engine/turnRunner.js';
import { AgentDesk } from './handoff/agentDesk.js';
import { BusinessCalendar } from './handoff/businessCalendar.js';
import type { Case } from './domain/case.js';
import type { ConversationRef } from './domain/conversation.js';
import { ComplaintDeskService } from './handoff/complaintDesk.js';
import { DeskHookList } from './handoff/deskHookList.js';
import { CaseQueueWorker } from './handoff/queueWorker.js';
import { agentAuthenticator, createAgentRouter } from './http/agentRouter.js';
import { createHttpApp, type Mount } from './http/app.js';
import { publicCors } from './http/cors.js';
import { checkReadiness } from './http/health.js';
import { createOpenApiRouter } from './openapi/document.js';
import { FaqIndex } from './knowledge/faqIndex.js';
import { loadKnowledge } from './knowledge/loader.js';
import type { Nlu } from './nlu/types.js';
import { RuleNlu } from './nlu/ruleNlu.js';
import { ProblemClassifier } from './nlu/problemClassifier.js';
import { LlmNlu } from './nlu/llmNlu.js';
import { Metrics } from './observability/metrics.js';
import { housekeepingJobs } from './jobs/housekeeping.js';
import type { PeriodicJobs } from './jobs/periodicJobs.js';
import { eraseUserData, type ErasureReport, type PersonalDataEraser } from './privacy/erasure.js';
import { createErasureRouter } from './privacy/erasureRouter.js';
import { loadSlackDesk } from './slackDesk/loadSlackDesk.js';
import type { SlackAgentDesk, SlackDeskLoader } from './slackDesk/slackAgentDesk.js';
import { createStore } from './store/createStore.js';
import type { Store } from './store/types.js';

/** Options to build kefu; everything but `config` and `log` has a production default. */
export interface KefuOptions {
  config: Config;
  log: Logger;
  /** An already-open store (tests share one between two instances); default from config. */
  store?: Store;
  /** Time for everything kefu reads or waits on (tests pass a ManualClock); default the system's. */
  clock?: Clock;
  knowledgeDir?: string;
  /** For channel adapters' outbound calls (fake platform servers in tests). */
  fetch?: typeof fetch;
  /** Webhook reply deadline (ms) before answering the platform and replying later. */
  replyDeadlineMs?: number;
  /** Replace the NLU (tests); default: rules, or LLM when configured. */
  nlu?: Nlu;
  /** Static pages and built bundles (default `<repo>/public`). */
  publicDir?: string;
  /** More places holding personal data, erased with the rest (see privacy/erasure.ts). */
  erasers?: PersonalDataEraser[];
  /** Loads the Slack agent desk when SLACK_* is configured (tests pass a spy). */
  slackDeskLoader?: SlackDeskLoader;
  /** Called right after a new case is durable, before it is queued (crash tests kill the process here). */
  onCaseWritten?: (c: Case) => void;
}

/** A built kefu: the HTTP app and the pieces tests and the CLI talk to. */
export interface Kefu {
  app: Express;
  store: Store;
  runTurn: TurnRunner;
  desk: ComplaintDeskService;
  agentDesk: AgentDesk;
  channels: ChannelRegistry;
  metrics: Metrics;
  faq: FaqIndex;
  queueWorker: CaseQueueWorker;
  /** Housekeeping: queue sweeper, unattached uploads, retention. */
  jobs: PeriodicJobs;
  /** Erases one person's data everywhere (what the admin erasure endpoint calls). */
  erase(ref: ConversationRef): Promise<ErasureReport>;
  /** The Slack agent desk, when configured. */
  slackDesk?: SlackAgentDesk;
  close(): Promise<void>;
}

/** Wires config → store → knowledge → engine → channels → HTTP (DESIGN §1 Server). */
export async function createKefu(options: KefuOptions): Promise<Kefu> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const kb = loadKnowledge(options.knowledgeDir);
  const faq = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope });
  const ownsStore = !options.store;
  const store =
    options.store ??
    (await createStore({
      redisUrl: config.redisUrl,
      keyPrefix: config.redisKeyPrefix,
      memoryMaxKeys: config.memoryStoreMaxKeys,
      redisClusterNodes: config.redisClusterNodes,
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      timeZone: config.businessTimeZone,
      uploadQuotas: config.uploadQuotas,
      onError: (err) => log.error({ err }, 'store connection error'),
      onAvailabilityChange: (available, err) =>
        available
          ? log.warn('store reachable again')
          : log.error({ err }, 'store unreachable: answering 503 store_unavailable'),
    }));
  const metrics = new Metrics();
  const channels = new ChannelRegistry();
  const calendar = new BusinessCalendar(kb.calendars, config.businessTimeZone);
  const deskHooks = new DeskHookList({
    onCaseOpened: () => metrics.intake.inc({ event: 'case_opened' }),
    onCaseWritten: options.onCaseWritten,
  });
  const desk = new ComplaintDeskService({
    store,
    calendar,
    facts: kb.facts,
    dispatcher: channels,
    log,
    clock,
    hooks: deskHooks,
  });
  const agentDesk = new AgentDesk({
    cases: store.cases,
    pubsub: store.pubsub,
    dispatcher: channels,
    timeZone: config.businessTimeZone,
    clock,
    hooks: deskHooks,
  });
  // Botkit is loaded (dynamic import) only when the Slack variables are set.
  const slackDesk = config.slack
    ? await (options.slackDeskLoader ?? loadSlackDesk)({
        config: config.slack,
        agentDesk,
        kv: store.kv,
        log,
        metrics,
        clock,
        timestampWindowSeconds: config.webhookTimestampWindowS,
      })
    : undefined;
  if (slackDesk) deskHooks.add(slackDesk.hooks);
  const rules = new RuleNlu(faq, new ProblemClassifier(kb.problemExamples));
  const nlu =
    options.nlu ??
    (config.llm
      ? new LlmNlu({
          config: config.llm,
          rules,
          faq,
          onFallback: (reason) => metrics.llmFallbacks.inc({ reason }),
        })
      : rules);
  const ctx: TurnContext = {
    now,
    faq,
    facts: kb.facts,
    nlu,
    conversations: store.conversations,
    desk,
    timeZone: config.businessTimeZone,
    caseIdKey: await caseIdKey(config.sessionSecret, store.kv),
    hooks: {
      ...metrics.engineHooks(),
      onStateDiscarded: (id, reason) =>
        log.warn({ channel: id.split(':')[0], reason }, 'unreadable conversation state discarded'),
    },
  };
  const runTurn = createTurnRunner(ctx, store, {
    observe: (channel, seconds) => metrics.turnLatency.observe({ channel }, seconds),
  });
  if (config.production && store.kind === 'memory')
    log.error(
      'NODE_ENV=production with the IN-MEMORY store: conversations, cases and sessions are lost on restart ' +
        'and not shared between processes. Set REDIS_URL.',
    );
  const sessions = await WebSessions.create(store.kv, {
    secret: config.sessionSecret,
    previousSecret: config.sessionSecretPrevious,
    ttlSeconds: config.sessionTtlDays * 86_400,
    clock,
  });

  channels.register({ name: 'web', sender: new WebSender(store.pubsub) });
  const channelDeps: ChannelDeps = {
    runTurn,
    kv: store.kv,
    log,
    metrics,
    fetch: options.fetch,
    clock,
    timestampWindowSeconds: config.webhookTimestampWindowS,
    replyDeadlineMs: options.replyDeadlineMs,
  };
  if (config.wechat) channels.register(createWechatAdapter(config.wechat, channelDeps));
  if (config.weibo) channels.register(createWeiboAdapter(config.weibo, channelDeps));

  const erasers: PersonalDataEraser[] = [
    ...(options.erasers ?? []),
    ...(slackDesk
      ? [(_ref: ConversationRef, caseIds: readonly string[]) => slackDesk.eraseThreads(caseIds)]
      : []),
  ];
  const erase = (ref: ConversationRef) => eraseUserData({ store, erasers }, ref, now());
  const authenticateAgent = agentAuthenticator(config.agentTokens);

  const sseGauge = (kind: string) => (delta: 1 | -1) => metrics.sseClients.inc({ kind }, delta);
  const mounts: Mount[] = [
    { path: '/api/web', router: publicCors() },
    { path: '/api/web', router: sessionRefresh(sessions) },
    {
      path: '/api/web',
      router: createWebRouter({
        runTurn,
        sessions,
        kv: store.kv,
        desk,
        limits: {
          messagesPerMinutePerToken: config.webRateLimitPerMinute,
          messagesPerMinutePerIp: config.webRateLimitPerMinute * 10,
          sessionsPerMinutePerIp: Math.max(30, config.webRateLimitPerMinute),
        },
      }),
    },
    {
      path: '/api/web',
      router: createWebEventsRouter({ pubsub: store.pubsub, sessions, onSse: sseGauge('web') }),
    },
    {
      path: '/api/web',
      router: createUploadsRouter({
        kv: store.kv,
        uploads: store.uploads,
        sessions,
        authenticateAgent,
        clock,
      }),
    },
    {
      path: '/api/agent',
      router: createErasureRouter({
        authenticate: authenticateAgent,
        admins: config.adminAgents,
        erase,
        log,
      }),
    },
    {
      path: '/api/agent',
      router: createAgentRouter({
        agentDesk,
        agents: config.agentTokens,
        pubsub: store.pubsub,
        kv: store.kv,
        clock,
        onSse: sseGauge('agent'),
      }),
    },
    ...channels
      .list()
      .flatMap((a) => (a.router && a.mountPath ? [{ path: a.mountPath, router: a.router }] : [])),
    ...(slackDesk ? [{ path: slackDesk.mountPath, router: slackDesk.router }] : []),
    { path: '/api', router: createOpenApiRouter() },
    { path: '/', router: createPagesRouter(options.publicDir) },
  ];
  const app = createHttpApp({
    log,
    metrics,
    mounts,
    health: () => ({ ok: true, store: store.kind, llm: Boolean(config.llm) }),
    readiness: () =>
      checkReadiness([
        { name: 'store', check: () => store.ping?.() },
        { name: 'database', check: () => store.pingDatabase?.() },
        {
          name: 'queueWorker',
          check: () => {
            if (!queueWorker.isRunning) throw new Error('the case queue worker is not running');
          },
        },
      ]),
    trustProxy: config.trustProxy || false,
    metricsToken: config.metricsToken,
  });
  const queueWorker = new CaseQueueWorker(store, log, { clock });
  queueWorker.start();
  const jobs = housekeepingJobs(store, config.retentionDays, log, clock);
  jobs.start();

  return {
    app,
    store,
    runTurn,
    desk,
    agentDesk,
    channels,
    metrics,
    faq,
    queueWorker,
    jobs,
    erase,
    slackDesk,
    async close() {
      await jobs.stop();
      await queueWorker.stop();
      await slackDesk?.close();
      if (ownsStore) await store.close();
    },
  };
}
