import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { StoreUnavailableError } from '../../errors.js';
import { SOCKET_GONE_CODES } from '../socketErrors.js';

/** A DNS lookup that failed for now, besides the shared socket codes. */
const DNS_RETRY = 'EAI_AGAIN';
/**
 * PostgreSQL SQLSTATEs of a server that is not serving now: class 08 (connection exception),
 * 57P01–57P03 (shutting down, crashed, starting up) and 53300 (too many connections).
 */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
/** node-postgres's own words for a connection it lost or could not open in time. */
const PG_CONNECTION_LOST =
  /connection terminated|timeout exceeded when trying to connect|connection error and is not queryable/i;
/** SQLite result codes of a file another process holds: SQLITE_BUSY (5), SQLITE_LOCKED (6). */
const SQLITE_BUSY = new Set([5, 6]);

/**
 * True when a database error means "cannot be reached now" (PostgreSQL down, restarting or
 * full; a SQLite file locked by another process past its busy timeout), not a bad query or a
 * broken constraint.
 */
export function isDatabaseOutage(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { code, errcode } = err as Error & { code?: unknown; errcode?: unknown };
  if (
    typeof code === 'string' &&
    (SOCKET_GONE_CODES.has(code) || code === DNS_RETRY || PG_UNAVAILABLE.test(code))
  )
    return true;
  if (typeof errcode === 'number' && SQLITE_BUSY.has(errcode & 0xff)) return true;
  // A server error with a SQLSTATE is not a lost connection, whatever its text quotes.
  return typeof code !== 'string' && PG_CONNECTION_LOST.test(err.message);
}

async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!isDatabaseOutage(err)) throw err;
    throw new StoreUnavailableError('the case database is unavailable, try again shortly', { cause: err });
  }
}

class OutageAwareConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return translated(() => this.inner.executeQuery<R>(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection) =>
  connection instanceof OutageAwareConnection ? connection.inner : connection;

class OutageAwareDriver implements Driver {
  constructor(private readonly driver: Driver) {}

  init(): Promise<void> {
    return translated(() => this.driver.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new OutageAwareConnection(await translated(() => this.driver.acquireConnection()));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return translated(() => this.driver.beginTransaction(innerOf(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return translated(() => this.driver.commitTransaction(innerOf(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return translated(() => this.driver.rollbackTransaction(innerOf(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }
}

/**
 * A Kysely dialect whose queries fail with StoreUnavailableError (→ 503 with Retry-After, as a
 * Redis outage does) while the database cannot be reached, instead of an opaque 500. Every other
 * error passes through unchanged. The driver's own connection objects are handed back to it, so
 * pooling and transactions work as before.
 */
export function outageAware(dialect: Dialect): Dialect {
  return {
    createDriver: () => new OutageAwareDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
