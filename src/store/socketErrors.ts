/**
 * Socket error codes of a connection that is gone or never came up: shared by the Redis and the
 * SQL outage checks (redis/redisOutage.ts, sql/databaseOutage.ts).
 */
export const SOCKET_GONE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
