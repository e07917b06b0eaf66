/**
 * The only module that loads Botkit (via loadSlackDesk's dynamic import). Botkit 4 is frozen and
 * its Slack adapter has defects we route around here:
 * - `botToken` mode calls auth.test in the constructor and exits the process on failure → we use
 *   the per-team callbacks instead and override getAPI/getBotUserByTeam (auth.test lazily, never fatal);
 * - its signature check is skipped without `req.rawBody` and throws on a short header → our
 *   guard (slackRouter) verifies everything first and sets `rawBody`;
 * - Botkit's own webserver listens on a second port and rethrows turn errors → disabled; we call
 *   processActivity ourselves and catch what it throws.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { SlackAdapter, SlackEventMiddleware, SlackMessageTypeMiddleware } from 'botbuilder-adapter-slack';
import { Botkit, type BotkitHandler, type BotkitMessage } from 'botkit';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ACTIONS } from './caseBlocks.js';
import type { SlackAgentDesk, SlackDeskDepsIn } from './slackAgentDesk.js';
import { BlockActionsSchema, MessageEventSchema } from './slackPayloads.js';
import { createSlackRouter } from './slackRouter.js';
import { SlackDesk } from './slackDesk.js';
import { SlackWebApi } from './slackWebApi.js';

/** Runs `build` with console output sent to the debug log (the adapter's constructor prints warnings). */
function quietly<T>(log: Logger, build: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const toLog = (...args: unknown[]) =>
    log.debug({ component: 'botkit' }, args.map((a) => (typeof a === 'string' ? a : '[object]')).join(' '));
  Object.assign(console, { log: toLog, warn: toLog, error: toLog });
  try {
    return build();
  } finally {
    Object.assign(console, saved);
  }
}

/** The Slack adapter on our WebClient; never calls Slack at construction. */
class KefuSlackAdapter extends SlackAdapter {
  private constructor(
    private readonly api: SlackWebApi,
    signingSecret: string,
  ) {
    super({
      // Checked again by the adapter on `rawBody`, after our guard has checked it in constant time.
      clientSigningSecret: signingSecret,
      // Per-team callbacks instead of `botToken` (whose constructor runs auth.test and may exit).
      getTokenForTeam: () => Promise.resolve(''),
      getBotUserByTeam: () => api.botUserId(),
      // Without OAuth settings the adapter refuses the per-team mode unless told it is intended.
      enable_incomplete: true,
    });
  }

  static create(api: SlackWebApi, signingSecret: string, log: Logger): KefuSlackAdapter {
    return quietly(log, () => new KefuSlackAdapter(api, signingSecret));
  }

  override getAPI(_activity: Partial<Activity>): Promise<WebClient> {
    return Promise.resolve(this.api.client);
  }

  override getBotUserByTeam(_activity: Partial<Activity>): Promise<string> {
    return this.api.botUserId();
  }
}

/** Builds the Botkit controller and the desk behind our guarded router. */
export function createSlackAgentDesk(deps: SlackDeskDepsIn): Promise<SlackAgentDesk> {
  const log = deps.log.child({ component: 'slack-desk' });
  const api = new SlackWebApi({ token: deps.config.botToken, apiBase: deps.config.apiBase, log });
  const desk = new SlackDesk({
    api,
    agentDesk: deps.agentDesk,
    kv: deps.kv,
    agentsChannel: deps.config.agentsChannel,
    agents: deps.config.agents,
    log,
  });

  const adapter = KefuSlackAdapter.create(api, deps.config.signingSecret, log);
  adapter.use(new SlackEventMiddleware());
  adapter.use(new SlackMessageTypeMiddleware());
  const controller = new Botkit({ adapter, disable_webserver: true, disable_console: true });

  /** A handler that never throws: Botkit runs handlers in callbacks where a rejection is unhandled. */
  const guarded =
    (what: string, fn: (message: BotkitMessage) => Promise<void>): BotkitHandler =>
    async (_bot, message) => {
      try {
        await fn(message);
      } catch (err) {
        log.error({ err, what }, 'slack handler failed');
      }
    };

  controller.on(
    'block_actions',
    guarded('block_actions', (message) => {
      const payload = BlockActionsSchema.safeParse(message.incoming_message.channelData);
      if (!payload.success) return Promise.resolve();
      for (const action of payload.data.actions) {
        if (!action.value) continue;
        if (action.action_id === ACTIONS.claim) desk.onClaimButton(payload.data.user.id, action.value);
        if (action.action_id === ACTIONS.resolve) desk.onResolveButton(payload.data.user.id, action.value);
      }
      return Promise.resolve();
    }),
  );

  // Thread replies arrive as ambient messages, or as (direct) mentions when they start with @kefu.
  controller.on(
    ['message', 'direct_mention', 'mention'],
    guarded('message', async (message) => {
      const event = MessageEventSchema.safeParse(message.incoming_message.channelData);
      if (!event.success || !event.data.user || !event.data.thread_ts || event.data.bot_id) return;
      await desk.onThreadMessage({
        slackUser: event.data.user,
        channel: event.data.channel,
        threadTs: event.data.thread_ts,
        text: typeof message.text === 'string' ? message.text : '',
      });
    }),
  );

  const inFlight = new Set<Promise<unknown>>();
  const router = createSlackRouter({
    signingSecret: deps.config.signingSecret,
    kv: deps.kv,
    log,
    metrics: deps.metrics,
    clock: deps.clock,
    timestampWindowSeconds: deps.timestampWindowSeconds,
    track: (work) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
    dispatch: (req, res) =>
      adapter.processActivity(
        req,
        res,
        (context: TurnContext) => controller.handleTurn(context) as Promise<void>,
      ),
  });

  /** Botkit turns still running (past Slack's deadline), then the Slack calls they queued. */
  const idle = async () => {
    while (inFlight.size) await Promise.all([...inFlight]);
    await desk.idle();
  };
  return Promise.resolve({
    mountPath: '/slack/events',
    router,
    hooks: desk.hooks(),
    eraseThreads: (caseIds) => desk.eraseThreads(caseIds),
    idle,
    async close() {
      await idle();
      await controller.shutdown();
    },
  });
}
