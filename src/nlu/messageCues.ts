import { INTENT_PATTERNS } from './lexicon.js';

/**
 * Cue patterns the rule NLU reads a message with, besides the intent lexicon (lexicon.ts) and the
 * yes/no cues (actLexicon.ts). Patterns run on normalized text.
 */

/** Words that make a message about a service line, so another company named in it is what it asks about. */
export const SERVICE_LINE =
  /电话|热线|客服|人工|号码|投诉|排队|进度|hotline|phone|customer service|number|helpline|human|agent|report|complain/;

/** Couriers and brands that deliver or make what is bought on Tmall (also listed as other platforms). */
export const MAYBE_OURS =
  /天猫|tmall|淘宝|taobao|快递员|顺丰|宅急送|\b(dhl|ups|fedex)\b|中通|圆通|申通|韵达|极兔|邮政|ems|德邦|苹果|华为|小米|apple|huawei|xiaomi|优衣库|uniqlo|sf express/;

/** Not knowing or finding the order number. */
export const ORDER_UNKNOWN =
  /不记得|忘了|忘记了|找不到|不知道|记不住|记不清|没有订单号|没订单号|\b(don'?t (know|remember|have)|can'?t (find|remember)|forgot|no idea|lost it)\b/;

/** "不要了", "不想弄了": said of the complaint itself when asked whether to cancel it. */
export const DROP_IT = /不(?:想)?要了|不想弄了|不想搞了/;

/** Questions that complain rather than ask ("这不是坑人吗", "凭什么"). */
export const RHETORICAL =
  /(这不是|这不就是|难道不是|难道|岂不是).{0,8}(吗|嘛)[?？!！]*$|凭什么|凭啥|还有没有天理|有没有天理|说好的.{0,8}呢|什么(垃圾|破|玩意|鬼|质量)|(这|这是)什么操作/;

export const STATUS_WORDS =
  /进度|进展|状态|怎么样了|到哪|处理到|结果出来|啥情况|什么情况|\b(status|progress|update on|any news|happening|going on)\b/;
/** "能不留吗", "不填可以吗", "can I skip this?": asking to leave an optional answer out. */
export const ASKS_TO_SKIP =
  /^(能|能够|可以|可不可以|可否)?不(留|填|写|给|提供|发)[^，,。]{0,6}(吗|么|可以吗|行吗|行不行|可以不)|不(留|填|给|提供)[^，,。]{0,6}(可以|行)(吗|么|不)|\bcan i (skip|not|leave (it|this) (out|blank))\b|\bdo i (have|need) to\b/;

export const HOW_TO =
  /(怎么|如何|怎样|在哪|哪里|哪儿)(能|可以)?(查|看|跟进|知道|追|才能|了解)|\bhow (do|can|should|would) (i|we|you)\b|\bhow to\b|\bwhere (can|do|should) i\b/;

/** "有", "有的", "yes I do", "I have some": evidence exists, kind not said. */
export const HAS_SOME =
  /^((嗯|恩|对|是)的?[,，\s]*)?有(的|啊|呀|滴|哒|证据)*$|^(yes|yeah|yep|yup),? ?i (do|have( some)?)$|^i (do|have some)$/;

/** Waiting for a person on the hotline ("转人工一直等", "电话里转人工没人接"): a story about the phone. */
export const ON_THE_PHONE =
  /转人工.{0,4}(一直等|等了很久|等了半天|等到|没人接|就挂|自动挂)|(排队|一直)等人工/;

/** Mentions of a person that ask for none: "不要人工", "你是机器人吗", "转人工一直等" (taken out before looking for a request). */
export const NOT_A_REQUEST: readonly RegExp[] = [
  INTENT_PATTERNS.noHuman,
  INTENT_PATTERNS.identity,
  ON_THE_PHONE,
].map((p) => new RegExp(p.source, 'g'));

/** Words that make a reply at the evidence question about evidence at all. */
export const EVIDENCE_WORD =
  /证据|照片|图片|截图|拍|视频|录像|聊天|记录|凭证|\b(evidence|photos?|pictures?|pics?|screenshots?|videos?|records?|proof|receipts?)\b/;

/**
 * Signs that a message tells of trouble: a negation, a fault, a let-down, indignation. A plan or
 * a piece of news (PLAN_OR_NEWS) with none of them states no problem ("我的快递明天到"), while
 * "我想退货 东西是坏的" does.
 */
export const TROUBLE_TONE =
  /[不没未别无]|坏|差|破|裂|烂|慢|假|错|漏|臭|坑|骗|难|问题|毛病|脏|旧|少|贵|凉|掉|断|歪|松|晃|吵|疼|痒|过敏|霉|味|湿|潮|锈|划|缺|丢|迟|拖|一直|根本|居然|竟然|明明|结果|却|但是|可是|凭什么|气死|无语|垃圾|\b(not|no|never|nothing|broken|wrong|late|missing|damaged|stuck|still|yet|but|refus\w*|ignor\w*|fake|dirty|smell\w*|leak\w*|crack\w*|stain\w*|torn|dead|useless|awful|terrible|worst|bad|cheap|instead)\b|n't\b/;

/** Signs that all is well or settled ("包装很用心 好评", "商家已经给我退款了", "没事了"). */
export const CONTENT_TONE =
  /好评[!！。~～\s]*$|满意|不错|挺好|很好|真好|挺快|很快|没问题|没事|搞定|解决了|处理好|谢谢|感谢|喜欢|开心|期待|已经.{0,6}(退款|退了|处理|解决|确认|收到|发货|回)|\b(thanks?|thank you|love|great|perfect|happy|solved|resolved|works fine|all good|already (refunded|fixed|solved|sorted))\b/;

/** A plan or a wish ("我想把地址改成公司的", "下个月我要搬家了", "I'd like to change…"). */
export const PLAN_OR_NEWS =
  /^(我|我们)?(想|要|打算|准备|先|等|回头|会|刚|下个?月|明天|今天)|明天到|\b(i'?d like to|i want to|i'?m going to|i'?ll|i will|i plan)\b/;

/** Asking for a moment while looking something up ("等一下我查查", "稍等哈", "hold on, let me check"). */
export const WAIT_A_MOMENT =
  /^(?:(?:ok|okay|好的?|嗯+)[,，\s]*)?(等一?下|等等|稍等|稍等一下|马上|马上马上|我?(查|找|翻|看)一?(下|查|找|翻|看)|让我(查|找|看)一?下|one sec(ond)?|hold on|hang on|wait|just a (sec|second|moment|minute)|still looking|let me (check|look|find)|give me a (sec|second|moment|minute))([,，.。!！~～\s]|哈|啊|呀|哦|我(查|找|看|翻)(查|找|看|翻|一下)|it|up|ok)*$/;
