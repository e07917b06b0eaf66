import type { RedisClientType } from 'redis';

/** A connected node-redis client (any modules/scripts). */
export type RedisClient = RedisClientType;
