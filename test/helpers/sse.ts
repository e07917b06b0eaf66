/** A minimal SSE client for tests: collects `{event, data}` from a streaming fetch. */
export interface SseClient {
  events: Array<{ event: string; data: unknown }>;
  /** Resolves with the first event matching `predicate` (rejects after `timeoutMs`). */
  next(
    predicate: (e: { event: string; data: unknown }) => boolean,
    timeoutMs?: number,
  ): Promise<{ event: string; data: unknown }>;
  close(): void;
  status: number;
}

export async function openSseClient(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const events: SseClient['events'] = [];
  const waiters: Array<{
    predicate: (e: { event: string; data: unknown }) => boolean;
    resolve: (e: { event: string; data: unknown }) => void;
  }> = [];
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!event || data === undefined) continue;
            const e = { event, data: JSON.parse(data) as unknown };
            events.push(e);
            for (const w of [...waiters])
              if (w.predicate(e)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(e);
              }
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    events,
    status: res.status,
    next(predicate, timeoutMs = 5000) {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve });
        setTimeout(
          () => reject(new Error(`no matching SSE event in ${timeoutMs} ms; got ${JSON.stringify(events)}`)),
          timeoutMs,
        ).unref();
      });
    },
    close: () => controller.abort(),
  };
}
