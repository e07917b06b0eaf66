import facts from '../../knowledge/facts.json' with { type: 'json' };
import { fill } from '../../src/domain/template.js';

/**
 * UI strings of the widget in both languages, as templates: the staffed hours are the
 * `{open}`/`{close}` placeholders, filled from `knowledge/facts.json` (the one place facts live).
 */
export const STRING_TEMPLATES = {
  'zh-CN': {
    open: '打开在线客服',
    close: '关闭',
    title: '天猫投诉助手',
    subtitle: '通常几秒内回复 · 人工 {open}-{close}',
    placeholder: '输入您的问题…',
    send: '发送',
    attach: '上传图片',
    typing: '正在输入…',
    source: '来源',
    offline: '网络已断开，恢复后会自动重连。',
    rateLimited: '发送太频繁，请稍后再试。',
    failed: '发送失败，请稍后重试。',
    uploadTooBig: '图片太大（最大 2 MB）。',
    uploadType: '只支持 PNG、JPEG、WebP、GIF 图片。',
    imageSent: '[图片]',
    agent: '客服',
  },
  en: {
    open: 'Open chat',
    close: 'Close',
    title: 'Tmall complaint assistant',
    subtitle: 'Replies in seconds · people {open}–{close}',
    placeholder: 'Type your question…',
    send: 'Send',
    attach: 'Upload image',
    typing: 'typing…',
    source: 'Source',
    offline: 'You are offline; reconnecting automatically.',
    rateLimited: 'Too many messages — please wait a moment.',
    failed: 'Could not send. Please try again.',
    uploadTooBig: 'Image too large (2 MB max).',
    uploadType: 'Only PNG, JPEG, WebP or GIF images.',
    imageSent: '[image]',
    agent: 'Agent',
  },
} as const;

export type Locale = keyof typeof STRING_TEMPLATES;
export type Strings = { readonly [K in keyof (typeof STRING_TEMPLATES)[Locale]]: string };

const FACT_VALUES = { open: facts.hours.open, close: facts.hours.close };
const filled = (strings: (typeof STRING_TEMPLATES)[Locale]): Strings =>
  Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, fill(v, FACT_VALUES)])) as Strings;

/** The widget's strings with the facts filled in. */
export const STRINGS: Record<Locale, Strings> = {
  'zh-CN': filled(STRING_TEMPLATES['zh-CN']),
  en: filled(STRING_TEMPLATES.en),
};
