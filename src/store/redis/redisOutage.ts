import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';
import { SOCKET_GONE_CODES } from '../socketErrors.js';

/** Server replies that mean "not serving now", not "bad command". */
const UNAVAILABLE_REPLIES = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|READONLY)\b/;

/**
 * True when a node-redis error means Redis cannot be reached or did not answer in time: the
 * client is offline or closed, the socket dropped, a command timed out, the command queue is
 * full, or the server says it is loading / failing over. Wrong commands and script errors are
 * not outages.
 */
export function isRedisOutage(err: unknown): boolean {
  if (
    err instanceof ClientOfflineError ||
    err instanceof ClientClosedError ||
    err instanceof SocketClosedUnexpectedlyError ||
    err instanceof ConnectionTimeoutError ||
    err instanceof SocketTimeoutError ||
    err instanceof TimeoutError ||
    err instanceof ReconnectStrategyError
  )
    return true;
  if (err instanceof ErrorReply) return UNAVAILABLE_REPLIES.test(err.message);
  if (!(err instanceof Error)) return false;
  if (err.message === 'The queue is full') return true;
  const code = (err as NodeJS.ErrnoException).code;
  return code !== undefined && SOCKET_GONE_CODES.has(code);
}
