import type { Category, Resolution } from '../domain/case.js';
import type { FileMedia, MentionedEvidence } from '../domain/evidence.js';
import type { Locale } from '../domain/locale.js';
import type { SlotName } from '../domain/intake.js';

type Text = Record<Locale, string>;
const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/**
 * Everything the bot says that is not an FAQ answer, in both languages. Facts are placeholders
 * filled from `knowledge/facts.json`: `{hotline}`, `{open}`, `{close}` (see `factValues`).
 */
export const PHRASES = {
  greeting: t(
    '您好，我是天猫投诉助手 kefu。可以问我投诉电话、收费、工作时间、处理时效等问题，也可以直接说“我要投诉”，我会一步步帮您登记。',
    'Hi, I\'m kefu, the Tmall complaint assistant. Ask me about the complaint hotline, fees, hours or processing times, or say "I want to complain" and I\'ll take your complaint step by step.',
  ),
  thanks: t('不客气！还有其他问题随时问我。', "You're welcome! Ask me anything else any time."),
  notSure: t(
    '抱歉，这个问题我不太确定，不想给您错误的信息。您可以拨打天猫投诉电话 {hotline}（免费，每天 {open}-{close}），或者让我为您转人工客服。',
    "Sorry, I'm not sure about that and don't want to guess. You can call the Tmall complaint hotline {hotline} (free, {open}–{close} every day), or I can hand you over to a person.",
  ),
  notSureAgain: t(
    '看来我帮不上这个忙。建议直接转人工客服，由工作人员为您处理。',
    "It looks like I can't help with this one. I suggest talking to a person — shall I hand you over?",
  ),
  sendText: t(
    '目前只能处理文字消息，请用文字描述您的问题。',
    'I can only read text messages for now — please type your question.',
  ),
  voiceNoText: t(
    '抱歉，没听清这条语音，请用文字再说一遍。',
    "Sorry, I couldn't make out that voice message — please type it.",
  ),
  imageOutsideIntake: t(
    '收到您的图片。如果要投诉，请说“我要投诉”，图片可以作为证据一并提交。',
    'Got your picture. If you want to file a complaint, say "I want to complain" and it can go in as evidence.',
  ),
  nothingToCancel: t(
    '好的，目前没有进行中的投诉。还有什么可以帮您？',
    "OK — there's no complaint in progress. Anything else I can help with?",
  ),
  intakeStart: t(
    '好的，我来帮您登记投诉，只需要几步。',
    "Sure, I'll take your complaint — it only takes a few steps.",
  ),
  intakeCancelled: t(
    '好的，已取消本次投诉登记，已填写的信息不会提交。需要时随时再说“我要投诉”。',
    'OK, I\'ve cancelled this complaint; nothing was submitted. Say "I want to complain" any time to start again.',
  ),
  offerHuman: t(
    '好像一直没能识别您的输入。需要的话我可以为您转人工客服。',
    "I still couldn't understand that. If you like, I can hand you over to a person.",
  ),
  confirmHint: t('请确认以上信息是否正确。', 'Please check that this is right.'),
  whichToChange: t(
    '请问哪一项需要修改？直接告诉我正确的内容即可，例如“订单号应该是……”。',
    'What should I change? Just tell me the right value, e.g. "the order number should be …".',
  ),
  noCases: t(
    '您在这里还没有投诉记录（如需投诉，请说“我要投诉”）。如果是通过电话或其他渠道投诉的，可以这样跟进：',
    'You have no complaints on file here (say "I want to complain" to start one). If you complained by phone or elsewhere, this is how to follow up:',
  ),
  humanQueued: t(
    '已为您转接人工客服（工单 {id}），请稍候，客服接入后会直接在这里回复您。',
    "I've passed you to a person (case {id}). Please hold on — an agent will reply right here.",
  ),
  offHours: t(
    '现在是非人工服务时间（人工服务时间为每天 {open}-{close}），客服将在 {when} 起处理。',
    'People answer {open}–{close} Beijing time; an agent will pick this up from {when}.',
  ),
  caseCreated: t(
    '投诉已提交，工单号 {id}。我们会在 {first} 前给出初步处理意见，{due} 前完成处理。您可以随时发送“我的投诉进度”查看状态。',
    'Your complaint is filed as case {id}. You will get a first response by {first} and a resolution by {due}. Send "my complaint status" any time to check on it.',
  ),
  askAgainAfterFaq: t('我们继续登记投诉：', 'Back to your complaint:'),
  confirmCancel: t(
    '要取消这次投诉吗？已填写的信息将不会提交。',
    "Cancel this complaint? What you've entered will not be submitted.",
  ),
  cancelKept: t('好的，不取消，我们继续：', "OK, I won't cancel it. Let's carry on:"),
  slotSkipped: t('好的，这一项先跳过。', "OK, let's skip that one."),
  contactNumberPlease: t(
    '好的，请直接输入您的 11 位手机号；不想留的话说“跳过”。',
    'OK, please type your 11-digit mobile number, or say "skip" if you would rather not.',
  ),
  handedOverIncomplete: t(
    '抱歉，我一直没能理解您的回答。我已把您已经填写的信息转给人工客服（工单 {id}），客服会在这里继续为您处理。',
    "Sorry, I still couldn't understand. I've passed what you have told me so far to a person (case {id}); an agent will carry on with you right here.",
  ),
  ack: t('好的。还有其他问题随时问我。', 'OK. Ask me anything else any time.'),
  humanDeclined: t(
    '好的。还有什么可以帮您？可以问我投诉电话、收费、工作时间等问题。',
    'OK. Anything else I can help with? You can ask about the hotline, fees or hours.',
  ),
  offerHumanQuestion: t('需要为您转接人工客服吗？', 'Shall I hand you over to a person?'),
  /** An answer given to another question than the one asked: `{items}` lists what was kept. */
  noted: t('好的，已记下{items}。', 'Noted — {items}.'),
  /** The user is looking something up ("等一下我查查"). */
  takeYourTime: t(
    '好的，不着急，找到后直接发给我就行。',
    'Sure, take your time. Just send it when you have it.',
  ),
  /** More story added to the description ("补充一下…"). */
  addedToStory: t('好的，已把这一点补充到问题描述里。', 'Added that to what happened.'),
  /** An earlier answer changed before the summary: `{items}` lists the new values. */
  updated: t('好的，已更新{items}。', 'Updated — {items}.'),
} as const;

/** Questions for each slot, with quick replies where they help. */
export const SLOT_QUESTIONS: Record<SlotName, { text: Text; quick?: Record<Locale, string[]> }> = {
  category: {
    text: t('请问您遇到的是哪一类问题？', 'What kind of problem is it?'),
    quick: {
      'zh-CN': ['商品质量', '物流配送', '售后服务', '其他'],
      en: ['Quality', 'Delivery', 'After-sales', 'Other'],
    },
  },
  orderId: {
    text: t(
      '请提供订单号（在“我的淘宝/天猫 → 我的订单 → 订单详情”中，一般是 18 到 19 位数字）。',
      'What is the order number? (Order details in the app; usually 18–19 digits.)',
    ),
  },
  description: {
    text: t('请简单描述一下发生了什么。', 'Please describe briefly what happened.'),
  },
  evidence: {
    text: t(
      '您有相关证据吗？例如商品照片、聊天记录。可以直接发送图片，没有也可以说“暂时没有”。',
      'Do you have any evidence, such as photos of the item or chat records? You can send pictures, or say "none yet".',
    ),
    quick: {
      'zh-CN': ['有照片', '有聊天记录', '暂时没有'],
      en: ['I have photos', 'I have chat records', 'None yet'],
    },
  },
  resolution: {
    text: t('您希望怎么解决？', 'How would you like it resolved?'),
    quick: {
      'zh-CN': ['退款', '退货', '换货', '维修', '赔偿', '其他'],
      en: ['Refund', 'Return', 'Exchange', 'Repair', 'Compensation', 'Other'],
    },
  },
  contact: {
    text: t(
      '方便留一个手机号以便客服联系您吗？（可选，不留请说“跳过”）',
      'Would you like to leave a mobile number so an agent can reach you? (Optional — say "skip".)',
    ),
    quick: { 'zh-CN': ['跳过'], en: ['Skip'] },
  },
};

/** Specific re-asks after invalid input. */
export const REASK = {
  orderId: t(
    '“{value}”看起来不是有效的订单号：天猫订单号一般是 18 到 19 位数字，请核对后重新输入。',
    '"{value}" doesn\'t look like an order number: Tmall order numbers are usually 18–19 digits. Please check and try again.',
  ),
  contact: t(
    '“{value}”不是有效的手机号（应为 11 位，以 1 开头）。请重新输入，或说“跳过”。',
    '"{value}" is not a valid mainland mobile number (11 digits starting with 1). Try again, or say "skip".',
  ),
  generic: t('抱歉，我没理解。', "Sorry, I didn't get that."),
  description: t(
    '请再多说几句发生了什么，方便客服了解情况。',
    'Please tell me a little more about what happened.',
  ),
} as const;

/** Second miss on a required question: ask again, with examples (quick replies come from the slot). */
export const REASK_WITH_EXAMPLES: Record<SlotName | 'confirm', Text> = {
  category: t(
    '请从下面选一个类别，或直接说说遇到了什么，例如“东西到手就坏了”（商品质量）、“快递一直没到”（物流配送）、“商家不给退款”（售后服务）。',
    'Please pick one below, or just tell me what went wrong, e.g. "it arrived broken" (quality), "the parcel never came" (delivery), "the seller won\'t refund" (after-sales).',
  ),
  orderId: t(
    '订单号在“我的淘宝/天猫 → 我的订单 → 订单详情”里，是 18 到 19 位数字，例如 4402 3177 8901 2345 678。找不到的话可以说“转人工”。',
    'The order number is in the app under My orders → Order details: 18–19 digits, e.g. 4402 3177 8901 2345 678. If you can\'t find it, say "talk to a person".',
  ),
  description: t(
    '请用一两句话说说发生了什么，例如“收到的吹风机开不了机”。',
    'Please tell me in a sentence or two what happened, e.g. "the hair dryer I received won\'t turn on".',
  ),
  evidence: t(
    '有照片或聊天记录吗？可以直接发图片，或者回答“有照片”“有聊天记录”“没有”。',
    'Do you have photos or chat records? Send a picture, or answer "I have photos", "I have chat records" or "none".',
  ),
  resolution: t(
    '请从下面选一个您希望的处理方式：退款、退货、换货、维修、赔偿或其他。',
    'Please pick how you would like it resolved: refund, return, exchange, repair, compensation or other.',
  ),
  contact: t(
    '请输入 11 位手机号，例如 138 1234 5678；不想留可以说“跳过”。',
    'Please type an 11-digit mobile number, e.g. 138 1234 5678, or say "skip".',
  ),
  confirm: t(
    '请回复“确认提交”提交投诉，回复“修改”更改信息，或回复“取消投诉”。',
    'Reply "submit" to file the complaint, "change" to edit it, or "cancel the complaint".',
  ),
};

/** Each slot's name, as the summary and the "noted" line show it. */
export const SLOT_LABEL: Record<SlotName, Text> = {
  category: t('类别', 'Category'),
  orderId: t('订单号', 'Order number'),
  description: t('问题描述', 'What happened'),
  evidence: t('证据', 'Evidence'),
  resolution: t('诉求', 'Resolution wanted'),
  contact: t('联系方式', 'Contact'),
};

export const CATEGORY_LABEL: Record<Category, Text> = {
  quality: t('商品质量', 'Product quality'),
  logistics: t('物流配送', 'Delivery'),
  after_sales: t('售后服务', 'After-sales service'),
  other: t('其他', 'Other'),
};

export const RESOLUTION_LABEL: Record<Resolution, Text> = {
  refund: t('退款', 'Refund'),
  return: t('退货', 'Return'),
  exchange: t('换货', 'Exchange'),
  repair: t('维修', 'Repair'),
  compensation: t('赔偿', 'Compensation'),
  other: t('其他', 'Other'),
};

/** Evidence the user said they have, as the summary shows it. */
export const EVIDENCE_LABEL: Record<MentionedEvidence, Text> = {
  photos: t('照片', 'photos'),
  chat: t('聊天记录', 'chat records'),
  video: t('视频', 'video'),
  tracking: t('物流记录', 'tracking record'),
  unspecified: t('有证据（未说明类型）', 'evidence (type not said)'),
};

/** Files the user sent, counted in the summary: `{n}` is how many. */
export const FILE_EVIDENCE_LABEL: Record<FileMedia, Text> = {
  image: t('图片 ×{n}', '{n} image(s)'),
  voice: t('语音 ×{n}', '{n} voice message(s)'),
  file: t('文件 ×{n}', '{n} file(s)'),
};

export const STATUS_LABEL = {
  queued: t('排队中', 'Queued'),
  assigned: t('处理中', 'In progress'),
  resolved: t('已处理', 'Resolved'),
  closed: t('已关闭', 'Closed'),
} as const;

export const QUICK = {
  afterFaq: { 'zh-CN': ['我要投诉', '转人工'], en: ['I want to complain', 'Talk to a person'] },
  notSure: { 'zh-CN': ['转人工', '投诉电话是多少'], en: ['Talk to a person', 'What is the hotline number?'] },
  greeting: {
    'zh-CN': ['投诉电话是多少', '处理要多久', '我要投诉', '我的投诉进度'],
    en: [
      'What is the hotline number?',
      'How long does it take?',
      'I want to complain',
      'My complaint status',
    ],
  },
  confirm: { 'zh-CN': ['确认提交', '修改', '取消投诉'], en: ['Submit', 'Change', 'Cancel the complaint'] },
  yesNo: { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] },
  offerHuman: { 'zh-CN': ['转人工', '不用了'], en: ['Talk to a person', 'No thanks'] },
  human: { 'zh-CN': ['转人工'], en: ['Talk to a person'] },
} as const;
