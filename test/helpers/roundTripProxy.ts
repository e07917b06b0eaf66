import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of Redis that counts round trips: a round trip starts each time the
 * client sends after it last heard from the server (so commands pipelined in one write, or sent
 * before any reply came back, count once). Commands are counted roughly from RESP array headers.
 */
export interface RoundTripProxy {
  url: string;
  /** Round trips since the last reset, over all connections through the proxy. */
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startRoundTripProxy(redisUrl: string): Promise<RoundTripProxy> {
  const target = new URL(redisUrl);
  let trips = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 6379) });
    sockets.add(client).add(upstream);
    let lastFromClient = false;
    client.on('data', (chunk) => {
      if (!lastFromClient) trips += 1;
      lastFromClient = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      lastFromClient = false;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    roundTrips: () => trips,
    reset: () => void (trips = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
