import { z } from 'zod';
import type { Attachment } from './message.js';

/** Kinds of evidence a user can say they have; `unspecified` = "yes, I have some" without saying what. */
export const MENTIONED_EVIDENCE = ['photos', 'chat', 'video', 'tracking', 'unspecified'] as const;
export const MentionedEvidenceSchema = z.enum(MENTIONED_EVIDENCE);
export type MentionedEvidence = z.infer<typeof MentionedEvidenceSchema>;

/**
 * One piece of complaint evidence: a file the user sent (an upload or a platform's media) or a
 * kind of evidence they said they have. Kept typed in the intake state; a Case carries it as
 * text (`caseEvidenceText`), because `Case.evidence: string[]` is a public contract.
 */
export const EvidenceItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    /** Where it can be fetched: our upload URL (`/api/web/uploads/…`) or the platform's (`http://…`). */
    url: z.string().max(2048).optional(),
    /** Platform media id (WeChat MediaId) when there is one. */
    mediaId: z.string().max(256).optional(),
    /** `image/*`, `audio/*` when the platform says only that much; absent for other files. */
    mime: z.string().max(128).optional(),
  }),
  z.object({ kind: z.literal('mentioned'), item: MentionedEvidenceSchema }),
]);
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type FileEvidence = Extract<EvidenceItem, { kind: 'file' }>;

/** What a file is, for counting it in a summary ("图片 ×2"). */
export type FileMedia = 'image' | 'voice' | 'file';

const MIME_OF: Record<Attachment['type'], string | undefined> = {
  image: 'image/*',
  voice: 'audio/*',
  file: undefined,
};

/** A file the user sent, as evidence. */
export function fileEvidence(a: Attachment): FileEvidence {
  const item: FileEvidence = { kind: 'file' };
  if (a.url) item.url = a.url;
  if (a.mediaId) item.mediaId = a.mediaId;
  const mime = MIME_OF[a.type];
  if (mime) item.mime = mime;
  return item;
}

export function fileMedia(item: FileEvidence): FileMedia {
  if (item.mime?.startsWith('image/')) return 'image';
  if (item.mime?.startsWith('audio/')) return 'voice';
  return 'file';
}

/**
 * How a mention reads in `Case.evidence` (both languages, for agents of either): the same text
 * cases have always carried, so the public Case JSON does not change.
 */
export const MENTIONED_CASE_TEXT: Record<MentionedEvidence, string> = {
  photos: '照片/photos',
  chat: '聊天记录/chat records',
  video: '视频/video',
  tracking: '物流记录/tracking record',
  unspecified: '有证据（未说明类型）/evidence (type not said)',
};

/** An evidence item as one `Case.evidence` string: a file's URL (else `type:mediaId`), a mention's text. */
export function caseEvidenceText(item: EvidenceItem): string {
  if (item.kind === 'mentioned') return MENTIONED_CASE_TEXT[item.item];
  return item.url ?? `${fileMedia(item)}:${item.mediaId ?? 'attachment'}`;
}

/** Whether two items are the same evidence (a file by URL or media id, a mention by kind). */
export function sameEvidence(a: EvidenceItem, b: EvidenceItem): boolean {
  if (a.kind === 'mentioned') return b.kind === 'mentioned' && a.item === b.item;
  if (b.kind === 'mentioned') return false;
  const key = a.url ?? a.mediaId;
  return key !== undefined && key === (b.url ?? b.mediaId);
}

const MENTION_WORDS: ReadonlyArray<[MentionedEvidence, RegExp]> = [
  ['chat', /聊天|对话|chat|message/i],
  ['video', /视频|录像|video|recording/i],
  ['tracking', /物流|快递|运单|tracking|waybill|shipping|delivery/i],
  ['photos', /照片|图片|截图|相片|photo|picture|screenshot|image/i],
];

/**
 * The kind of a mention the NLU reports as text (the rule lexicon's "照片/photos", or an LLM's own
 * words): by its case text, else by keyword, else `unspecified` (the agent asks).
 */
export function mentionedEvidence(text: string): EvidenceItem {
  const known = MENTIONED_EVIDENCE.find((k) => MENTIONED_CASE_TEXT[k] === text);
  const item = known ?? MENTION_WORDS.find(([, re]) => re.test(text))?.[0] ?? 'unspecified';
  return { kind: 'mentioned', item };
}

/**
 * Migration of the version-1 intake state, where evidence items were strings: our upload path or a
 * platform URL (a file, an image: uploads and platform pictures were the only files then),
 * `image:…`/`voice:…`/`file:…` (a platform media id), or a mention's case text.
 */
export function evidenceFromV1(text: string): EvidenceItem {
  if (text.startsWith('/') || /^https?:\/\//i.test(text)) return { kind: 'file', url: text, mime: 'image/*' };
  const media = /^(image|voice|file):(.+)$/s.exec(text);
  if (media) {
    const type = media[1] as Attachment['type'];
    const item: FileEvidence = { kind: 'file', mediaId: media[2] };
    const mime = MIME_OF[type];
    if (mime) item.mime = mime;
    return item;
  }
  return mentionedEvidence(text);
}
