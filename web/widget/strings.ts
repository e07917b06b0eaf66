/** UI strings of the widget in both languages. */
export const STRINGS = {
  'zh-CN': {
    open: '打开在线客服',
    close: '关闭',
    title: '天猫投诉助手',
    subtitle: '通常几秒内回复 · 人工 9:00-21:00',
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
    subtitle: 'Replies in seconds · people 9:00–21:00',
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

export type Locale = keyof typeof STRINGS;
export type Strings = (typeof STRINGS)[Locale];
