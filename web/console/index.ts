/** kefu agent console: live queue, case view, claim / reply / resolve. Talks only to its own server. */
import { bindFilters, casesPath, filtering } from './caseFilters.js';

interface Transcript {
  from: 'user' | 'bot' | 'agent';
  text: string;
  at: string;
}
interface Case {
  id: string;
  channel: string;
  category: string;
  orderId: string;
  description: string;
  evidence: string[];
  resolution: string;
  contact?: string;
  status: 'queued' | 'assigned' | 'resolved' | 'closed';
  assignee?: string;
  createdAt: string;
  firstResponseDue: string;
  resolutionDue: string;
  transcript: Transcript[];
  events?: Array<{ type: string; at: string; detail?: string }>;
}

const LABEL: Record<string, string> = {
  quality: '商品质量 Quality',
  logistics: '物流配送 Delivery',
  after_sales: '售后服务 After-sales',
  other: '其他 Other',
  refund: '退款 Refund',
  return: '退货 Return',
  exchange: '换货 Exchange',
  repair: '维修 Repair',
  compensation: '赔偿 Compensation',
  queued: '排队中 Queued',
  assigned: '处理中 Assigned',
  resolved: '已处理 Resolved',
  closed: '已关闭 Closed',
};
const TOKEN_KEY = 'kefu-agent-token';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
let selected: string | undefined;
let events: EventSource | undefined;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api/agent${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? res.statusText);
  return body;
}

const fmt = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
function urgency(c: Case): 'overdue' | 'soon' | '' {
  const due = Date.parse(c.status === 'queued' ? c.firstResponseDue : c.resolutionDue);
  if (due < Date.now()) return 'overdue';
  return due - Date.now() < 24 * 3600_000 ? 'soon' : '';
}
function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function refreshQueue(): Promise<void> {
  const { cases, nextCursor } = await api<{ cases: Case[]; nextCursor?: string }>(casesPath());
  const list = $('queue');
  list.replaceChildren();
  if (!cases.length)
    list.appendChild(
      el('p', 'empty', filtering() ? '没有找到工单 · No matching cases' : '暂无待处理工单 · No open cases'),
    );
  appendCases(cases, nextCursor);
}

function appendCases(cases: Case[], nextCursor: string | undefined): void {
  const list = $('queue');
  list.querySelector('.more')?.remove();
  for (const c of cases) {
    const item = el('button', `case ${urgency(c)} ${c.id === selected ? 'active' : ''}`);
    item.dataset.id = c.id;
    item.append(
      el('strong', '', c.id),
      el('span', `badge ${c.status}`, LABEL[c.status] ?? c.status),
      el('p', '', `${LABEL[c.category] ?? c.category} · ${c.description.slice(0, 40)}`),
    );
    const due = el(
      'small',
      '',
      `${urgency(c) === 'overdue' ? '已超时 Overdue' : '初步意见 First response'} ${fmt(c.firstResponseDue)}${c.assignee ? ` · ${c.assignee}` : ''}`,
    );
    item.appendChild(due);
    item.addEventListener('click', () => void openCase(c.id));
    list.appendChild(item);
  }
  $('count').textContent = `${list.querySelectorAll('.case').length}${nextCursor ? '+' : ''}`;
  if (nextCursor) {
    const more = el('button', 'more secondary', '更多 More');
    more.addEventListener(
      'click',
      () =>
        void api<{ cases: Case[]; nextCursor?: string }>(casesPath(nextCursor)).then((page) =>
          appendCases(page.cases, page.nextCursor),
        ),
    );
    list.appendChild(more);
  }
}

function field(name: string, value: string): HTMLElement {
  const row = el('div', 'field');
  row.append(el('dt', '', name), el('dd', '', value || '—'));
  return row;
}

async function evidenceImage(url: string): Promise<HTMLElement> {
  if (!url.startsWith('/api/web/uploads/')) return el('span', 'tag', url);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const img = document.createElement('img');
  img.alt = 'evidence';
  img.src = URL.createObjectURL(await res.blob());
  return img;
}

let renderSeq = 0;
async function openCase(id: string): Promise<void> {
  selected = id;
  const seq = ++renderSeq;
  const { case: c } = await api<{ case: Case }>(`/cases/${id}`);
  // Built off-screen and swapped in at once; a newer render (SSE refresh) wins over an older one.
  const view = document.createElement('div');
  const head = el('div', 'detail-head');
  head.append(el('h2', '', c.id), el('span', `badge ${c.status}`, LABEL[c.status] ?? c.status));
  const actions = el('div', 'actions');
  if (c.status === 'queued') {
    const claim = el('button', 'primary', '认领 Claim');
    claim.addEventListener('click', () => void act(() => api(`/cases/${c.id}/claim`, { method: 'POST' })));
    actions.appendChild(claim);
  }
  head.appendChild(actions);
  const fields = el('dl', 'fields');
  fields.append(
    field('类别 Category', LABEL[c.category] ?? c.category),
    field('订单号 Order', c.orderId),
    field('诉求 Wants', LABEL[c.resolution] ?? c.resolution),
    field('联系 Contact', c.contact ?? ''),
    field('渠道 Channel', c.channel),
    field('处理人 Agent', c.assignee ?? ''),
    field('初步意见 First response', fmt(c.firstResponseDue)),
    field('完成 Resolution due', fmt(c.resolutionDue)),
  );
  const desc = el('p', 'description', c.description);
  const evidence = el('div', 'evidence');
  for (const e of c.evidence) evidence.appendChild(await evidenceImage(e));
  const transcript = el('div', 'transcript');
  for (const m of c.transcript) {
    const line = el('div', `line ${m.from}`);
    line.append(
      el('span', 'who', m.from === 'user' ? '用户' : m.from === 'bot' ? '机器人' : '客服'),
      el('p', '', m.text),
      el('time', '', fmt(m.at)),
    );
    transcript.appendChild(line);
  }
  view.append(
    head,
    fields,
    el('h3', '', '问题描述 Description'),
    desc,
    el('h3', '', '证据 Evidence'),
    evidence,
    el('h3', '', '对话 Transcript'),
    transcript,
  );
  const failures = (c.events ?? []).filter((e) => e.type === 'delivery_failed');
  if (failures.length)
    view.appendChild(el('p', 'warning', `发送失败 Delivery failed: ${failures.at(-1)?.detail ?? ''}`));
  if (c.status === 'assigned') {
    const form = document.createElement('form');
    form.className = 'reply';
    const text = document.createElement('textarea');
    text.placeholder = '回复用户… Reply to the user';
    text.setAttribute('aria-label', 'Reply');
    const send = el('button', 'primary', '发送 Send');
    const resolve = el('button', 'secondary', '结案 Resolve');
    resolve.setAttribute('type', 'button');
    form.append(text, send, resolve);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = text.value.trim();
      if (body)
        void act(() =>
          api(`/cases/${c.id}/messages`, { method: 'POST', body: JSON.stringify({ text: body }) }),
        );
    });
    resolve.addEventListener('click', () => {
      const note = text.value.trim() || window.prompt('处理结果 Resolution note') || '';
      if (note)
        void act(() => api(`/cases/${c.id}/resolve`, { method: 'POST', body: JSON.stringify({ note }) }));
    });
    view.appendChild(form);
  }
  if (seq !== renderSeq) return;
  $('detail').replaceChildren(view);
  transcript.scrollTop = transcript.scrollHeight;
  await refreshQueue();
}

async function act(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
    $('status').textContent = '';
  } catch (err) {
    $('status').textContent = err instanceof Error ? err.message : String(err);
  }
  if (selected) await openCase(selected);
  else await refreshQueue();
}

let reconnect: ReturnType<typeof setTimeout> | undefined;
/**
 * Opens the live event stream. EventSource cannot send the Authorization header and the token
 * must never be in a URL, so each connection uses a fresh single-use ticket; on any error the
 * stream is closed and reopened with a new ticket (the browser's own retry would reuse the old).
 */
async function connect(): Promise<void> {
  events?.close();
  clearTimeout(reconnect);
  const { ticket } = await api<{ ticket: string }>('/events/ticket', { method: 'POST' });
  const source = new EventSource(`/api/agent/events?ticket=${encodeURIComponent(ticket)}`);
  events = source;
  const onEvent = (e: MessageEvent<string>) => {
    const data = JSON.parse(e.data) as { caseId?: string };
    void (data.caseId && data.caseId === selected ? openCase(selected) : refreshQueue());
  };
  for (const type of [
    'case_created',
    'user_message',
    'case_claimed',
    'agent_message',
    'case_resolved',
    'delivery_failed',
  ])
    source.addEventListener(type, onEvent);
  source.addEventListener('open', () => {
    $('live').textContent = '● 实时 Live';
    void refreshQueue().catch(() => undefined); // anything missed while reconnecting
  });
  source.addEventListener('error', () => {
    $('live').textContent = '○ 重连中 Reconnecting';
    source.close();
    if (events === source) reconnect = setTimeout(() => void connect().catch(() => scheduleRetry()), 2000);
  });
}
function scheduleRetry(): void {
  $('live').textContent = '○ 重连中 Reconnecting';
  reconnect = setTimeout(() => void connect().catch(() => scheduleRetry()), 5000);
}

async function signIn(candidate: string): Promise<void> {
  token = candidate;
  try {
    await refreshQueue();
    sessionStorage.setItem(TOKEN_KEY, token);
    $('login').hidden = true;
    $('app').hidden = false;
    await connect().catch(() => scheduleRetry());
  } catch {
    $('login-error').textContent = '令牌无效 Invalid token';
  }
}

bindFilters(() => void refreshQueue().catch((err: unknown) => ($('status').textContent = String(err))));
$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void signIn($<HTMLInputElement>('token').value.trim());
});
$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});
if (token) void signIn(token);
