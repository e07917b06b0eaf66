import type { Category, Resolution } from '../domain/case.js';

/**
 * Keyword lexicon of the rule NLU. Patterns run on normalized text (NFKC, lowercase,
 * simplified Chinese). Order matters where noted.
 */
export const INTENT_PATTERNS = {
  askHuman:
    /转人工|人工客服|人工服务|找人工|接人工|要人工|真人|活人|人工(吧|呢|!|！|$)|\b(human|real person|live agent|operator|talk to (an? )?(agent|person|someone)|speak to (an? )?(agent|person|someone))\b/,
  cancel:
    /算了|不投诉了|不想投诉了|取消投诉|取消吧|^取消$|不用了|不弄了|先这样吧|\b(cancel|never ?mind|forget it|stop)\b/,
  caseStatus:
    /(我的|我)(那个)?(投诉|工单|单子|案子|申请)(处理)?(进度|状态|怎么样|到哪|结果|处理得?怎么样|有结果)|查(询|一下|下)?(我的)?(投诉|工单)(进度|状态)?$|投诉(进度|状态)查询|\bmy (complaints?|cases?|tickets?)\b|\b(status|progress) of my\b|\bcase status\b/,
  startComplaint:
    /我要投诉|我想投诉|我要举报|我想举报|要投诉|帮我投诉|投诉(一下)?(这个|那个)?(商家|卖家|店铺|快递|物流|客服)|发起投诉|提交投诉|\b(i want to|i'd like to|i would like to|i wanna|want to|need to) (make a |file a |lodge a |submit a )?complain|\b(file|lodge|make|submit|open) a complaint\b|\bcomplaint about\b/,
  greeting:
    /^(你好|您好|hi|hello|hey|在吗|在不在|哈喽|嗨|早上好|下午好|晚上好|早|有人吗|good (morning|afternoon|evening))[呀啊吗呢~!！。.,，\s]*$/,
  thanks:
    /^(好的)?[,，]?(谢谢|多谢|感谢|谢了|谢啦|thanks|thank you|thx|ty|好的谢谢|ok thanks|明白了谢谢|知道了谢谢)(你|您|a lot|so much)?[呀啊~!！。.,，\s]*$/,
  confirm:
    /^(确认|确定|是的|是|对|对的|没问题|提交|确认提交|好|好的|可以|行|嗯|yes|y|yep|ok|okay|confirm|submit|correct|right|sure)[吧呀啊~!！。.\s]*$/,
  deny: /^(不对|不是|不|修改|改一下|要改|错了|有误|no|nope|change|edit|wrong|modify)[吧呀啊~!！。.\s]*$/,
} as const;

/** A first-person problem statement ("我买的…坏了"), as opposed to a question about the hotline. */
export const PROBLEM_STATEMENT =
  /坏了|破损|碎了|裂了|质量(太|很)?差|不能用|用不了|故障|瑕疵|假货|次品|划痕|发错|少发|漏发|没收到|还没收到|一直没到|丢件|丢了|延迟|迟迟|不发货|没发货|态度(很|太|特别)?(差|恶劣)|不理人|不回复|不给退|不退款|拒绝退|不履行|骗|\b(broken|damaged|defective|fake|never arrived|not arrived|hasn't arrived|lost|late|rude|refused|won't refund|doesn't work|does not work|stopped working)\b/;

export const QUESTION_FORM =
  /怎么办|怎么|如何|吗|么[?？]?$|[?？]$|能不能|可不可以|可以.{0,6}吗|^(how|what|can|could|is|are|do|does|where|when|which|who|should)\b/;

/** Category keywords; the category with most hits wins, ties in this order. */
export const CATEGORY_KEYWORDS: ReadonlyArray<[Category, RegExp]> = [
  [
    'quality',
    /质量|坏了|破损|碎|裂|故障|瑕疵|假货|次品|划痕|不能用|用不了|做工|\b(quality|broken|damaged|defective|fake|faulty|doesn't work|does not work|stopped working)\b/g,
  ],
  [
    'logistics',
    /物流|快递|配送|发货|没收到|收不到|丢件|丢了|延迟|迟迟|还没到|一直没到|包裹|运输|\b(delivery|delivered|shipping|shipped|parcel|package|courier|logistics|lost|late|delay(ed)?|never arrived|not arrived)\b/g,
  ],
  [
    'after_sales',
    /售后|不给退|不退款|拒绝退|商家不理|卖家不理|不理人|不回复|态度|不履行|承诺|保修|\b(after[- ]sales?|seller|merchant|rude|refused|won't refund|warranty|promise)\b/g,
  ],
];

/** Explicit answers to "which category" (quick replies and their paraphrases). */
export const CATEGORY_ANSWERS: ReadonlyArray<[Category, RegExp]> = [
  ['quality', /^(商品)?质量(问题)?$|^quality( issue| problem)?$/],
  ['logistics', /^(物流|快递)(配送)?(问题)?$|^(logistics|delivery|shipping)( issue| problem)?$/],
  ['after_sales', /^售后(服务)?(问题)?$|^after[- ]sales?( service| issue| problem)?$/],
  ['other', /^其他(问题)?$|^其它$|^other( issue| problem)?$/],
];

export const RESOLUTION_KEYWORDS: ReadonlyArray<[Resolution, RegExp]> = [
  ['refund', /退款|退钱|仅退款|\brefund\b|money back/g],
  ['return', /退货|退回|\breturn\b/g],
  ['exchange', /换货|换一个|换个|换新|调换|\b(exchange|replace|replacement)\b/g],
  ['repair', /维修|修理|修一下|修好|\b(repair|fix)\b/g],
  ['compensation', /赔偿|补偿|赔钱|赔付|\bcompensat\w*/g],
  ['other', /^其他(方式)?$|^其它$|^other$/g],
];

/** Words right before a keyword that negate it ("不是退货", "not a refund"). */
export const NEGATION_BEFORE =
  /(不是|不要|不想|不给|不肯|不让|拒绝|别|不用|非|not|don't want|do not want|no|refused? to|won't)\s*$/;

export const EVIDENCE_KEYWORDS: ReadonlyArray<[string, RegExp]> = [
  ['照片/photos', /照片|图片|拍了|截图|相片|\b(photos?|pictures?|pics?|screenshots?|images?)\b/],
  ['聊天记录/chat records', /聊天记录|聊天截图|对话记录|\bchat (records?|logs?|history|screenshots?)\b/],
  ['视频/video', /视频|录像|\bvideos?\b/],
  ['物流记录/tracking record', /物流记录|物流信息|快递单|\btracking\b/],
];

export const NONE_YET =
  /^(没有|还没有|暂时没有|暂无|没|无|都没有|什么都没有|没有证据|没证据|还没|没拍|none|no|nope|nothing|not yet|none yet|no evidence|i don't have any|don't have any)[吧呀啊~!！。.,，\s]*$|暂时没有|还没有证据|没有证据|no evidence|none yet|not yet/;

export const SKIP_CONTACT =
  /^(不留|不用|不用了|不需要|跳过|没有|不要|不必|算了吧|no|nope|skip|none|no thanks|not needed)[吧呀啊了~!！。.,，\s]*$|不留了|不留联系|跳过|\bskip\b/;

export const CORRECTION =
  /错了|写错|输错|填错|说错|搞错|不对|改成|改为|更正|应该是|不是.{1,8}[，,]?(是|要|我要)|\b(wrong|mistake|typo|actually|correction|should be|change (it )?to|instead)\b/;
