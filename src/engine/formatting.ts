import type { Case } from '../domain/case.js';
import type { IntakeSlots } from './state.js';
import type { Locale } from '../domain/locale.js';
import { fileMedia, type EvidenceItem, type FileMedia } from '../domain/evidence.js';
import { fill } from '../domain/template.js';
import { formatterCache } from '../domain/zonedTime.js';
import {
  CATEGORY_LABEL,
  EVIDENCE_LABEL,
  FILE_EVIDENCE_LABEL,
  RESOLUTION_LABEL,
  SLOT_LABEL,
  STATUS_LABEL,
} from './phrases.js';
import { SLOT_ORDER, type SlotName } from '../domain/intake.js';

const enDay = formatterCache(
  (timeZone) =>
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
);
const zhDay = formatterCache(
  (timeZone) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', weekday: 'short' }),
);
const clock = formatterCache(
  (timeZone) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
);

/** "12月3日（周四）" / "Thu, Dec 3" for an ISO date-time, in the business time zone. */
export function formatDay(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (locale === 'en') return enDay(timeZone).format(date);
  const parts = zhDay(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日（${get('weekday')}）`;
}

/** "明天 9:00"-style opening time: date and hour in the business time zone. */
export function formatOpening(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  const time = clock(timeZone).format(date);
  return `${formatDay(iso, locale, timeZone)} ${time}${locale === 'en' ? ' (Beijing time)' : ''}`;
}

/** One slot's value as the user would read it ("换货", "照片、聊天记录", "-" when empty). */
export function formatSlotValue(slots: IntakeSlots, slot: SlotName, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (slot) {
    case 'category':
      return slots.category ? CATEGORY_LABEL[slots.category][locale] : '-';
    case 'orderId':
      return slots.orderId ?? '-';
    case 'description':
      return slots.description ?? '-';
    case 'evidence':
      return slots.evidence.length ? describeEvidence(slots.evidence, locale) : zh ? '暂无' : 'none yet';
    case 'resolution':
      return slots.resolution ? RESOLUTION_LABEL[slots.resolution][locale] : '-';
    case 'contact':
      return slots.contact ?? (zh ? '未留' : 'not given');
  }
}

/** Longest value a "noted" line repeats in full, by language; a longer story is cut ("…"). */
const NOTED_VALUE_CHARS: Record<Locale, number> = { 'zh-CN': 30, en: 60 };

/** "诉求：换货；订单号：…" — the named slots with their values, for a "noted" line. */
export function formatSlotList(slots: IntakeSlots, names: readonly SlotName[], locale: Locale): string {
  const zh = locale === 'zh-CN';
  return names
    .map((slot) => {
      const chars = [...formatSlotValue(slots, slot, locale).replace(/[。.!！?？~～\s]+$/u, '')];
      const max = NOTED_VALUE_CHARS[locale];
      const value = chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : chars.join('');
      return `${SLOT_LABEL[slot][locale]}${zh ? '：' : ': '}${value}`;
    })
    .join(zh ? '；' : '; ');
}

/** Summary of a complaint before submission. */
export function formatSummary(slots: IntakeSlots, locale: Locale): string {
  const head = locale === 'zh-CN' ? '请核对您的投诉信息：' : 'Here is your complaint:';
  const lines = SLOT_ORDER.map(
    (slot) => `${SLOT_LABEL[slot][locale]}: ${formatSlotValue(slots, slot, locale)}`,
  );
  return [head, ...lines].join('\n');
}

/** One line per case for "my complaint status". */
export function formatCaseLine(c: Case, locale: Locale, timeZone: string): string {
  const zh = locale === 'zh-CN';
  const status = STATUS_LABEL[c.status][locale];
  const category = CATEGORY_LABEL[c.category][locale];
  const first = formatDay(c.firstResponseDue, locale, timeZone);
  const due = formatDay(c.resolutionDue, locale, timeZone);
  if (c.status === 'resolved' || c.status === 'closed') {
    const note = c.resolutionNote ? (zh ? `，处理结果：${c.resolutionNote}` : ` — ${c.resolutionNote}`) : '';
    return `${c.id} · ${category} · ${status}${note}`;
  }
  return zh
    ? `${c.id} · ${category} · ${status} · 初步意见 ${first} 前 · 完成处理 ${due} 前`
    : `${c.id} · ${category} · ${status} · first response by ${first} · resolution by ${due}`;
}

/** Mentions in the user's language ("照片、聊天记录"), then files counted by kind ("图片 ×2"). */
function describeEvidence(items: readonly EvidenceItem[], locale: Locale): string {
  const said: string[] = [];
  const files = new Map<FileMedia, number>();
  for (const item of items) {
    if (item.kind === 'mentioned') said.push(EVIDENCE_LABEL[item.item][locale]);
    else files.set(fileMedia(item), (files.get(fileMedia(item)) ?? 0) + 1);
  }
  const counted = [...files].map(([media, n]) => fill(FILE_EVIDENCE_LABEL[media][locale], { n: String(n) }));
  return [...said, ...counted].join(locale === 'zh-CN' ? '、' : ', ');
}
