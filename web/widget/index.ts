/**
 * kefu chat widget: `<script src="https://kefu.example/widget.js" data-locale="zh-CN">`.
 * Shadow DOM keeps the host page's CSS out; the conversation survives reloads (localStorage).
 */
import { ApiError, ChatApi, newMessageId, type MessageBody, type Reply } from './api.js';
import { STRINGS, type Locale } from './strings.js';
import { WIDGET_CSS } from './styles.js';

type Entry = { kind: 'user' | 'bot' | 'agent' | 'notice'; text: string; source?: string; image?: string };
const MAX_UPLOAD = 2 * 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL(script?.src ?? location.href).origin;
const locale: Locale = script?.dataset.locale === 'en' ? 'en' : 'zh-CN';
const t = STRINGS[locale];
const storeKey = `kefu:${base}`;
const api = new ChatApi(base);

interface Saved {
  token?: string;
  log: Entry[];
  quick: string[];
  /** Messages typed but not answered yet, each with the idempotency key it keeps on every retry. */
  outbox: MessageBody[];
}
const load = (): Saved => {
  try {
    return {
      log: [],
      quick: [],
      outbox: [],
      ...(JSON.parse(localStorage.getItem(storeKey) ?? '{}') as Partial<Saved>),
    };
  } catch {
    return { log: [], quick: [], outbox: [] };
  }
};
const saved = load();
const persist = () =>
  localStorage.setItem(storeKey, JSON.stringify({ ...saved, log: saved.log.slice(-100) }));

const host = document.createElement('div');
host.id = 'kefu-widget';
document.body.appendChild(host);
const root = host.attachShadow({ mode: 'open' });
root.innerHTML = `<style>${WIDGET_CSS}</style>
<button class="launcher" aria-label="${t.open}" aria-expanded="false"><svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 11.5a8.38 8.38 0 0 1-.9 3.8 8.5 8.5 0 0 1-7.6 4.7 8.38 8.38 0 0 1-3.8-.9L3 21l1.9-5.7a8.38 8.38 0 0 1-.9-3.8 8.5 8.5 0 0 1 4.7-7.6 8.38 8.38 0 0 1 3.8-.9h.5a8.48 8.48 0 0 1 8 8v.5z"/></svg></button>
<section class="panel" role="dialog" aria-label="${t.title}" hidden>
  <header><div class="avatar" aria-hidden="true">客</div><div><h2>${t.title}</h2><p>${t.subtitle}</p></div>
  <button class="close" aria-label="${t.close}">×</button></header>
  <div class="log" role="log" aria-live="polite" aria-relevant="additions"></div>
  <form><input type="file" accept="${IMAGE_TYPES.join(',')}" hidden>
  <button type="button" class="attach" aria-label="${t.attach}" title="${t.attach}"><svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><rect x="3" y="3" width="18" height="18" rx="2"/><circle cx="8.5" cy="8.5" r="1.5"/><path d="M21 15l-5-5L5 21"/></svg></button>
  <textarea rows="1" aria-label="${t.placeholder}" placeholder="${t.placeholder}"></textarea>
  <button type="submit" class="send">${t.send}</button></form>
</section>`;
const $ = <T extends Element>(sel: string) => root.querySelector(sel) as T;
const launcher = $<HTMLButtonElement>('.launcher');
const panel = $<HTMLElement>('.panel');
const log = $<HTMLDivElement>('.log');
const form = $<HTMLFormElement>('form');
const input = $<HTMLTextAreaElement>('textarea');
const fileInput = $<HTMLInputElement>('input[type=file]');

function render(entry: Entry): void {
  const el = document.createElement('div');
  el.className = `msg ${entry.kind}`;
  if (entry.kind === 'agent') {
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = t.agent;
    el.appendChild(who);
  }
  if (entry.image) {
    const img = document.createElement('img');
    img.alt = t.imageSent;
    img.src = entry.image;
    el.appendChild(img);
  } else el.appendChild(document.createTextNode(entry.text));
  if (entry.source) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = `${t.source}: ${entry.source}`;
    el.appendChild(document.createElement('br'));
    el.appendChild(chip);
  }
  log.appendChild(el);
  log.scrollTop = log.scrollHeight;
}

function renderQuick(options: readonly string[]): void {
  log.querySelector('.quick')?.remove();
  saved.quick = [...options];
  if (!options.length) return;
  const box = document.createElement('div');
  box.className = 'quick';
  for (const option of options) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = option;
    b.addEventListener('click', () => sendText(option));
    box.appendChild(b);
  }
  log.appendChild(box);
  log.scrollTop = log.scrollHeight;
}

function add(entry: Entry): void {
  saved.log.push(entry);
  persist();
  log.querySelector('.quick')?.remove();
  render(entry);
}

function showReplies(replies: readonly Reply[], kind: 'bot' | 'agent' = 'bot'): void {
  for (const r of replies) add({ kind, text: r.text, source: r.source });
  renderQuick(replies.flatMap((r) => r.quickReplies ?? []));
  persist();
}

let typing: HTMLDivElement | undefined;
function setTyping(on: boolean): void {
  typing?.remove();
  typing = undefined;
  if (!on) return;
  typing = document.createElement('div');
  typing.className = 'typing';
  typing.textContent = t.typing;
  log.appendChild(typing);
  log.scrollTop = log.scrollHeight;
}

function notice(err: unknown): void {
  const text =
    err instanceof ApiError && err.status === 429 ? t.rateLimited : navigator.onLine ? t.failed : t.offline;
  render({ kind: 'notice', text });
}

let stopListening: (() => void) | undefined;
api.onToken = (token) => {
  if (token === saved.token) return;
  saved.token = token;
  persist();
  listen(token);
};
api.onUnauthorized = () => {
  // The session expired: the next message starts a new one.
  saved.token = undefined;
  session = undefined;
  persist();
  stopListening?.();
};
let session: Promise<string> | undefined;
/** The one session of this widget: every caller waits for the same request (no second session, one greeting). */
function ensureSession(): Promise<string> {
  if (saved.token) return Promise.resolve(saved.token);
  session ??= api.startSession(locale).then(
    (s) => {
      saved.token = s.token;
      showReplies(s.replies);
      listen(s.token);
      return s.token;
    },
    (err: unknown) => {
      session = undefined; // let the next attempt ask again
      throw err;
    },
  );
  return session;
}

function listen(token: string): void {
  stopListening?.();
  let wasOffline = false;
  stopListening = api.listen(
    token,
    (reply) => showReplies([reply], 'agent'),
    (online) => {
      if (!online && !wasOffline && !navigator.onLine) render({ kind: 'notice', text: t.offline });
      wasOffline = !online;
    },
  );
}

/**
 * Sends the outbox in order. A message leaves it only once answered (or refused for good); after
 * a network failure, 429 or 5xx it stays, and goes again with the same clientMessageId after a
 * backoff (Retry-After when given), so the server answers it once however often it arrives.
 */
let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = undefined;
  try {
    while (saved.outbox.length) {
      const message = saved.outbox[0]!;
      setTyping(true);
      try {
        const token = await ensureSession();
        const { replies } = await api.send(token, message);
        saved.outbox.shift();
        failures = 0;
        setTyping(false);
        showReplies(replies);
      } catch (err) {
        setTyping(false);
        const retryable = !(err instanceof ApiError) || err.retryable;
        if (failures === 0 || !retryable) notice(err);
        if (!retryable) {
          saved.outbox.shift(); // refused for good (400, 401, 409): retrying would not help
          persist();
          continue;
        }
        failures += 1;
        const waitS =
          err instanceof ApiError && err.retryAfterSeconds ? err.retryAfterSeconds : 2 ** failures;
        retryTimer = setTimeout(() => void flush(), Math.min(waitS, 30) * 1000);
        return;
      }
    }
  } finally {
    flushing = false;
  }
}

function queue(message: Omit<MessageBody, 'clientMessageId'>): void {
  saved.outbox.push({ ...message, clientMessageId: newMessageId() });
  persist();
  void flush();
}

function sendText(text: string): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  add({ kind: 'user', text: trimmed });
  queue({ text: trimmed });
}

async function sendImage(file: File): Promise<void> {
  if (!IMAGE_TYPES.includes(file.type)) return render({ kind: 'notice', text: t.uploadType });
  if (file.size > MAX_UPLOAD) return render({ kind: 'notice', text: t.uploadTooBig });
  setTyping(true);
  try {
    const token = await ensureSession();
    const { url } = await api.upload(token, file);
    add({ kind: 'user', text: t.imageSent, image: URL.createObjectURL(file) });
    queue({ attachments: [{ type: 'image', url, name: file.name }] });
  } catch (err) {
    setTyping(false);
    notice(err);
  }
}

function toggle(open: boolean): void {
  panel.hidden = !open;
  launcher.setAttribute('aria-expanded', String(open));
  if (open) {
    input.focus();
    if (!saved.token) void ensureSession().catch(notice);
  } else launcher.focus();
}

launcher.addEventListener('click', () => toggle(panel.hasAttribute('hidden')));
$<HTMLButtonElement>('.close').addEventListener('click', () => toggle(false));
root.addEventListener('keydown', (e) => {
  if ((e as KeyboardEvent).key === 'Escape' && !panel.hasAttribute('hidden')) toggle(false);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value;
  input.value = '';
  sendText(text);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});
$<HTMLButtonElement>('.attach').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  fileInput.value = '';
  if (file) void sendImage(file);
});
window.addEventListener('online', () => {
  if (saved.token) listen(saved.token);
  if (saved.outbox.length) void flush(); // messages left unanswered before a reload
  if (saved.outbox.length) void flush();
});

// Resume a conversation after a reload.
for (const entry of saved.log)
  render(entry.image?.startsWith('blob:') ? { ...entry, image: undefined } : entry);
renderQuick(saved.quick);
if (saved.token) listen(saved.token);
if (saved.outbox.length) void flush(); // messages left unanswered before a reload
