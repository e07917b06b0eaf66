import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { SlackEnvSchema, toSlackConfig, type SlackConfig } from './slackDesk/slackConfig.js';
import { ScaleEnvSchema, toScaleConfig, type ScaleConfig } from './scaleConfig.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Agents by token, and the names of those with the `admin` role (may erase personal data). */
interface AgentTokens {
  tokens: Map<string, string>;
  admins: Set<string>;
}

const AgentTokensSchema = optionalString.transform((value, ctx): AgentTokens | undefined => {
  if (value === undefined) return undefined;
  const agents: AgentTokens = { tokens: new Map(), admins: new Set() };
  for (const entry of value.split(',')) {
    const [name, token, role, ...rest] = entry.trim().split(':');
    if (!name || !token || rest.length > 0 || token.length < 16 || (role !== undefined && role !== 'admin')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected name:token or name:token:admin entries separated by commas, tokens of 16+ characters',
      });
      return z.NEVER;
    }
    agents.tokens.set(token, name);
    if (role === 'admin') agents.admins.add(name);
  }
  return agents;
});

const megabytes = (fallback: number) =>
  z.coerce
    .number()
    .positive()
    .default(fallback)
    .transform((mb) => Math.floor(mb * 1024 * 1024));
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'letters, digits, _ : . - only')
    .default('kefu:'),
  AGENT_TOKENS: AgentTokensSchema,
  /** Folder of the SQLite database and uploads (default ./data). */
  DATA_DIR: z.string().trim().min(1).default('data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  UPLOAD_QUOTA_SESSION_MB: megabytes(20),
  UPLOAD_QUOTA_TOTAL_MB: megabytes(2048),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** The secret before a rotation: verifies tokens (which are then re-issued), never signs. */
  SESSION_SECRET_PREVIOUS: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  /** Lifetime of a web session token since its last use. */
  SESSION_TTL_DAYS: z.coerce.number().positive().max(3650).default(30),
  /** Bearer token /metrics requires when set. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),
  WECHAT_TOKEN: optionalString,
  WECHAT_APPID: optionalString,
  WECHAT_APPSECRET: optionalString,
  WECHAT_AES_KEY: optionalString.pipe(
    z.string().length(43, 'EncodingAESKey must be 43 characters').optional(),
  ),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WEIBO_APP_SECRET: optionalString,
  WEIBO_ACCESS_TOKEN: optionalString,
  WEIBO_API_BASE: z.url().default('https://m.api.weibo.com'),
  WEB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Proxy hops in front of kefu whose X-Forwarded-For is trusted (0 = none). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  WEBHOOK_TIMESTAMP_WINDOW_S: z.coerce.number().int().positive().default(300),
  ...SlackEnvSchema,
  ...ScaleEnvSchema,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  TZ_BUSINESS: z.string().default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log message text and numbers unredacted (never in production). */
  LOG_UNREDACTED: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  NODE_ENV: z.string().default('development'),
});

/** Parsed configuration. */
export interface Config extends ScaleConfig {
  port: number;
  host: string;
  redisUrl?: string;
  redisKeyPrefix: string;
  /** Messages per minute per web session (per IP: 10×). */
  webRateLimitPerMinute: number;
  /** Trusted proxy hops, so per-IP limits see the client's address behind a load balancer. */
  trustProxy: number;
  /** agent token → agent name */
  agentTokens: Map<string, string>;
  /** Names of agents with the `admin` role (`name:token:admin`). */
  adminAgents: Set<string>;
  /** Folder of the SQLite file and uploads. */
  dataDir: string;
  /** PostgreSQL for cases and upload records; unset → SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Resolved cases lose their personal fields after this many days. */
  retentionDays: number;
  uploadQuotas: { perOwnerBytes: number; totalBytes: number };
  /** true when AGENT_TOKENS was unset and a dev token was generated. */
  agentTokenGenerated: boolean;
  sessionSecret?: string;
  /** Accepted for verification only, during a rotation of SESSION_SECRET. */
  sessionSecretPrevious?: string;
  sessionTtlDays: number;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  llm?: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  wechat?: { token: string; appId?: string; appSecret?: string; aesKey?: string; apiBase: string };
  weibo?: { appSecret: string; accessToken?: string; apiBase: string };
  /** Slack agent desk (SLACK_*); unset → Botkit is never loaded. */
  slack?: SlackConfig;
  webhookTimestampWindowS: number;
  /** On SIGTERM, how long running turns may take to finish before the process exits. */
  shutdownGraceMs: number;
  businessTimeZone: string;
  logLevel: string;
  logUnredacted: boolean;
  production: boolean;
}

/** Parses the environment once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`invalid ${name}: ${issue?.message ?? 'bad value'}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.AGENT_TOKENS)
    throw new ConfigError('invalid AGENT_TOKENS: required when NODE_ENV=production');
  if (production && !e.SESSION_SECRET)
    throw new ConfigError('invalid SESSION_SECRET: required when NODE_ENV=production');
  if (production && e.LOG_UNREDACTED)
    throw new ConfigError('invalid LOG_UNREDACTED: never allowed when NODE_ENV=production');
  if (e.SESSION_SECRET_PREVIOUS && !e.SESSION_SECRET)
    throw new ConfigError('invalid SESSION_SECRET_PREVIOUS: needs SESSION_SECRET (the new secret)');
  if (!isValidTimeZone(e.TZ_BUSINESS))
    throw new ConfigError(`invalid TZ_BUSINESS: unknown time zone "${e.TZ_BUSINESS}"`);
  const slack = toSlackConfig(e);
  if (!slack.ok) throw new ConfigError(slack.error);
  const scale = toScaleConfig(e);
  if (!scale.ok) throw new ConfigError(scale.error);
  const agentTokens = e.AGENT_TOKENS?.tokens ?? new Map([[`dev-${randomBytes(16).toString('hex')}`, 'dev']]);
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    webRateLimitPerMinute: e.WEB_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    agentTokens,
    adminAgents: e.AGENT_TOKENS?.admins ?? new Set(),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    retentionDays: e.RETENTION_DAYS,
    uploadQuotas: { perOwnerBytes: e.UPLOAD_QUOTA_SESSION_MB, totalBytes: e.UPLOAD_QUOTA_TOTAL_MB },
    agentTokenGenerated: !e.AGENT_TOKENS,
    sessionSecret: e.SESSION_SECRET,
    sessionSecretPrevious: e.SESSION_SECRET_PREVIOUS,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    metricsToken: e.METRICS_TOKEN,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
        }
      : undefined,
    wechat: e.WECHAT_TOKEN
      ? {
          token: e.WECHAT_TOKEN,
          appId: e.WECHAT_APPID,
          appSecret: e.WECHAT_APPSECRET,
          aesKey: e.WECHAT_AES_KEY,
          apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
        }
      : undefined,
    weibo: e.WEIBO_APP_SECRET
      ? {
          appSecret: e.WEIBO_APP_SECRET,
          accessToken: e.WEIBO_ACCESS_TOKEN,
          apiBase: e.WEIBO_API_BASE.replace(/\/$/, ''),
        }
      : undefined,
    slack: slack.slack,
    webhookTimestampWindowS: e.WEBHOOK_TIMESTAMP_WINDOW_S,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    businessTimeZone: e.TZ_BUSINESS,
    logLevel: e.LOG_LEVEL,
    logUnredacted: e.LOG_UNREDACTED,
    production,
    ...scale.scale,
  };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
