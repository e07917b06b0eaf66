/** The widget's side of the web chat API (DESIGN §2). Only ever talks to the kefu server it came from. */
export interface Reply {
  text: string;
  quickReplies?: string[];
  source?: string;
}

/** A failed request; `status` 0 means the network failed (no answer at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds from the `Retry-After` header, when the server sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Worth sending again with the same idempotency key: no answer, overload, or a server fault. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** A new idempotency key for one message (kept and reused on every retry of that message). */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Body of `POST /api/web/messages`. */
export interface MessageBody {
  text?: string;
  attachments?: Array<{ type: 'image'; url: string; name?: string }>;
  clientMessageId: string;
}

export class ChatApi {
  /** Called with a renewed session token (X-Session-Token): store it in place of the old one. */
  onToken?: (token: string) => void;
  /** Called when the server no longer accepts the session token (expired): start a new session. */
  onUnauthorized?: () => void;

  constructor(private readonly base: string) {}

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.base + path, init);
    } catch (err) {
      throw new ApiError(0, err instanceof Error ? err.message : 'network error');
    }
    const renewed = res.headers.get('x-session-token');
    if (renewed) this.onToken?.(renewed);
    if (res.status === 401) this.onUnauthorized?.();
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new ApiError(
        res.status,
        body.error?.message ?? res.statusText,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    return (await res.json()) as T;
  }

  startSession(locale: string): Promise<{ token: string; replies: Reply[] }> {
    return this.request('/api/web/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
  }

  send(token: string, body: MessageBody): Promise<{ replies: Reply[] }> {
    return this.request('/api/web/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  }

  upload(token: string, file: File): Promise<{ url: string }> {
    return this.request('/api/web/uploads', {
      method: 'POST',
      headers: { 'content-type': file.type, authorization: `Bearer ${token}` },
      body: file,
    });
  }

  /** Live messages; reconnects by itself (EventSource), and again after a hard failure. */
  listen(token: string, onReply: (reply: Reply) => void, onState: (online: boolean) => void): () => void {
    let source: EventSource | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(`${this.base}/api/web/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('open', () => onState(true));
      source.addEventListener('message', (e: MessageEvent<string>) => onReply(JSON.parse(e.data) as Reply));
      source.addEventListener('error', () => {
        onState(false);
        if (source?.readyState === EventSource.CLOSED && !stopped) retry = setTimeout(open, 3000);
      });
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }
}
