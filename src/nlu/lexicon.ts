import type { Category, Resolution } from '../domain/case.js';
import { rememberRecent } from '../knowledge/rememberRecent.js';

/**
 * Keyword lexicon of the rule NLU. Patterns run on normalized text (NFKC, lowercase,
 * simplified Chinese). Order matters where noted.
 */
export const INTENT_PATTERNS = {
  /** Asking for a person outright: wins even when phrased as a question ("能不能让人工来处理"). */
  askHuman:
    /转人工|转接人工|找人工|接人工|要人工|换人工|让人工|叫人工|人工来|跟人工|和人工|人工(说|聊|处理)|转个?人|真人|活人|不想跟机器|别用机器|不要机器人|别(用|让)?机器人|不跟机器人|不是机器人|叫个?人来|找个(人|客服|真人|活人)|让人来|客服小姐姐|人工(吧|呢|啊|!|！|$)|^人工|\b(human|real person|live (agent|person|chat)|operator|representative|(talk|speak|chat) (to|with) (an? |some |a real |your )?(agent|person|someone|human|people|staff)|(get|want|need) (an? |a real )?(agent|person|human)|not a (bot|robot))\b/,
  /** Asking who or what the bot is ("你是真人还是机器人"): answered with the introduction, not a handoff. */
  identity:
    /你是(不是)?(真人|机器人|人工|谁|ai|人吗)|是真人(吗|还是)|是机器人(吗|还是)|你叫(什么|啥)|你的名字|你会记住|你记得我|\bwhats? (ur|your) name\b|^你是\?*$|\b(are you (an? )?(bot|robot|human|real( person)?|ai)|who are you|what('?s| is) your name)\b/,
  /** Saying no to a person ("不要人工", "不用转人工"): never a request for one. */
  noHuman:
    /(不要|不用|不需要|别|无需|没必要)(转)?(人工|真人|客服)|\b(no|don'?t (need|want)( an?| to talk to an?)?) (human|agent|person)\b/,
  /** Mentions a person ("人工客服"): a request unless it is a question the FAQ answers ("人工客服几点上班"). */
  mentionsHuman: /人工客服|人工服务|人工坐席|\b(customer service (agent|rep))\b/,
  caseStatus:
    /查看?我的(投诉|工单)(记录|列表)?$|我投诉的(那个|东西|事情?)?(现在)?(怎么样|咋样|如何|有结果|啥情况|什么情况)|我的(投诉|工单)呢|\bcheck (on )?my (complaints?|cases?|tickets?)\b|\b(what'?s|what is) (happening|going on) with my (complaints?|cases?|tickets?)\b|(我的|我)(那个)?(投诉|工单|单子|案子|申请)(处理)?(进度|状态|怎么样|到哪|结果|处理得?怎么样|有结果)|我(之前|上次|前几天|刚才|刚刚|昨天)(提交|提|交|登记)?的?(投诉|工单)的?(那个|那件事|那单)?.{0,3}(怎么样|进度|状态|到哪|结果|处理得?怎么样)|查(询|一下|下)?(我的)?(投诉|工单)(进度|状态)?$|投诉(进度|状态)查询|\b((status|progress|update|news) (of|on) my (complaints?|cases?|tickets?)|my (complaints?|cases?|tickets?)'?s? (status|progress)|how('?s| is| are) my (complaints?|cases?|tickets?)|check on my (complaints?|cases?)|where('?s| is) my (complaint|case|ticket)|^my (complaints?|cases?|tickets?)$|list my (complaints?|cases?))\b|\bcase status\b/,
  startComplaint:
    /^(complaint|complain|i have a complaint|i have an? (issue|problem) to report|i'?ve got a complaint)[.!！。\s]*$|我要投诉|我想投诉|我要举报|我想举报|要投诉|想投诉|帮我投诉|投诉一下|投诉投诉|^(投诉|举报)[!！。.~～\s]*$|要complain|想complain|\bcomplaint[!！]+|\b(need|want|wanna|have) to (report|complain)|\breport (this|the|that) (shop|seller|store|merchant)\b|\bcomplain about (this|the|my)\b|投诉(一下)?(这个|那个)?(商家|卖家|店铺|快递|物流|客服)|发起投诉|提交投诉|\b(i want to|i'd like to|i would like to|i wanna|want to|need to) (make a |file a |lodge a |submit a )?complain|\b(file|lodge|make|submit|open) a complaint\b|\bcomplaint about\b|必须投诉|(我要|我想|要|想)(告|维权)|告(他|她|它|这|那)|反映(个|一个|一下)?(问题|情况)|(登记|提交|记录)(个|一个|一下)?投诉|给我投诉|帮我(登记|提交|记)|\bcomplaint (pls|plz|please)\b|\b(report|flag) (a|this|the|that) (seller|shop|store|merchant)\b|\b(wo (yao|xiang) )?tou ?su\b|(走|启动|开始)(一下)?投诉(流程)?/,
  greeting:
    /^((你好|您好|hi|hello|hey|在吗|在不在|哈喽|嗨|早上好|下午好|晚上好|早|有人吗|good (morning|afternoon|evening)|(hi|hello|hey) (there|all|guys))[呀啊吗呢~!！。.,，\s]*)+$/,
  thanks:
    /^(好的)?[,，]?(谢谢|多谢|感谢|谢了|谢啦|thanks|thank you|thx|ty|好的谢谢|ok thanks|明白了谢谢|知道了谢谢|好的?知道了|知道了|明白了|懂了)(你|您|a lot|so much)?[呀啊~!！。.,，\s]*((拜拜|再见|bye|bye bye|goodbye)[呀啊~!！。.,，\s]*)?$|^(拜拜|再见|bye|bye bye|goodbye)[呀啊~!！。.,，\s]*$/,
} as const;

/** A request to complain put as a question ("能帮我投诉一下吗", "可以直接投诉吗 我的订单有问题"): starts an intake. */
export const COMPLAINT_REQUEST =
  /(能|可以|可不可以|麻烦)?帮我投诉|(在这里?|这儿|这边)(可以|能)?(直接)?投诉|我的订单有问题|订单出了?问题|\bcan (you|i) (help me )?(file|make|lodge|submit) a complaint\b/;

/** A greeting in front of the real message ("在吗 想投诉"): not what makes it a question. */
export const GREETING_PREFIX = /^(你好|您好|在吗|在不在|有人吗|hi|hello|hey|哈喽|嗨)[呀啊吗呢~!！。.,，\s]*/;

/** A first-person problem statement ("我买的…坏了"), as opposed to a question about the hotline. */
export const PROBLEM_STATEMENT =
  /吃出|按不下去|按不动|爱买不买|说话.{0,3}冲|\bdon'?t work\b|坏了|不亮|不工作|烧了|烂了|缩水|鼓包|漏水|没声音|没消息|没下文|没动静|被驳回|驳回|还没发|没退钱|不退钱|骂人|是假的|快过期|过期了|运输中|没更新|不更新|破损|碎了|裂了|质量(太|很)?差|不能用|用不了|故障|瑕疵|假货|次品|划痕|发错|少发|漏发|没收到|还没收到|一直没到|丢件|丢了|延迟|迟迟|不发货|没发货|态度(很|太|特别)?(差|恶劣)|不理人|不回复|不给退|不退款|拒绝退|不履行|骗|不一样|虫子|跳闸|结块|味道.{0,2}不对|非让我|非要我|没减|赠品.{0,8}(没|不给|不送)|偷偷改|发到网上|私自(拿|用|使用|签收)|盗用|有个洞|线头|推销电话|天天.{0,6}推销|发广告|比平时还贵|大洞|破洞|坏点|开胶|垃圾质量|说好的.{0,6}呢|酸的|拉肚子|一掰就掉|只能用|标错|歪的|一坐就晃|中转站|只有一边|味道(很|太|特别)?(重|大|难闻|刺鼻)|甲醛|不震|卡了|卡在|强制|捆绑|违禁|广告短信|辱骂|骂我|自动续费|扣了我|乱扣|多扣|重复扣|扣了两次|变成了?\d|\b(won'?t (even )?turn on|charged (me )?twice|double[- ]charged|price (changed|went up)|rude to me|harass\w*|they sent|sent (me )?(the )?wrong|dead pixels?|promised\b.*\bbut\b|want me to pay|changed the (description|listing)|refuses|won'?t give|keeps calling|wobbles|flickers|peeling|broken|damaged|defective|fake|never arrived|not arrived|hasn't arrived|lost|late|rude|refused|won't refund|doesn't work|does not work|stopped working|cracked|stuck|never (got|sent|came|received)|still no|hasn't updated|won't turn on|ripped off|scammed)\b/;

/**
 * A first-person account of something that went wrong with an order, in general terms: what was
 * bought or sent, and a sign that it went badly ("买的卫衣洗一次就缩水了", "i sent it back and…").
 */
export const ORDER_NARRATIVE_SUBJECT =
  /买的|买了|刚买|收到的?|到手|下单|订的|拍的|网购|用了|才用|寄回|我的(订单|包裹|快递|东西|货|退款)|商家|卖家|店家|店铺|售后|快递|物流|包裹|订单|退款|退货|换货|东西|商品|产品|\b(i (bought|ordered|got|received|sent|returned|paid|used)|my (order|parcel|package|item|refund|delivery|purchase)|the (seller|shop|store|item|product|parcel|package|courier|delivery|order)|it (came|arrived|broke|stopped))\b/;
export const ORDER_NARRATIVE_TROUBLE =
  /了|没|不|还|都|一直|才|竟然|居然|太|差|坏|破|假|错|\b(not|never|no|nothing|still|won'?t|wont|didn'?t|didnt|doesn'?t|doesnt|isn'?t|hasn'?t|hasnt|wasn'?t|broke|broken|late|wrong|fake|damaged|missing|stuck|again|stolen|expired|ignor\w*|rejected|refused|fell apart|crushed|smashed|leaked|without|gave me|made me|caused)\b/;

export const QUESTION_FORM =
  /(可以|能|能够)投诉(的)?吧|怎么|怎样|咋|如何|为什么|为啥|吗|嘛[?？]?$|么[?？]?$|呢[?？]?$|[?？]|几点|几时|几号|(?<![好这前过没有])几天|(?<![好这前过没有])几个|多少|多久|多长|多大|谁|(会|能|可以|是|找).{0,10}还是|几(?=[啊呀呢吗?？倍]|$)|.{3,}(?<!了)[不没][?？]?$|哪(?!都|也)|(?<!没|没有)什么(?!(证据|东西|照片|记录)?(都|也))|(?<!没|买了)啥(?!(证据|东西|照片|记录)?(都|也))|是否|有没有|有无|能不能|能否|可不可以|可否|会不会|要不要|是不是|收不收|用不用|需不需要|需要.{0,8}(不|没)$|(收费|免费|要钱|花钱|付费|有用|管用|靠谱|可靠|有效|上班|开门|能打|打得通|能行)不$|^(how|what|what's|whats|when|where|which|who|why|is|are|do|does|did|can|could|will|would|should|may|am|any|if)\b|\b(can i|could i|should i|do i|will i|is it|is there|are there|any (other )?way|who should|who do)\b|\b(how (long|much|many|do|does|can|to)|what (is|are|time|number|hours))\b/;

/** "管不管", "有没有", "行不行": the A-not-A question form ("爱买不买" is an idiom, not a question). */
const A_NOT_A = /(?<!爱)(\p{Script=Han})[不没]\1/u;

/** A question, asked with or without a question mark ("客服几点上班", "投诉电话多少"). */
export const looksLikeQuestion: (norm: string) => boolean = rememberRecent(
  (norm) => QUESTION_FORM.test(norm) || A_NOT_A.test(norm),
);

/** Category keywords; the category with most hits wins, ties in this order. */
export const CATEGORY_KEYWORDS: ReadonlyArray<[Category, RegExp]> = [
  [
    'quality',
    /吃出|头发|按不下去|按不动|\bkeys? .{0,12}(don'?t|do not|doesn'?t) work|质量|毛病|结块|味道.{0,2}不对|买到假|假冒|坏点|\bdead pixels?\b|大洞|有个洞|破洞|垃圾质量|发错货|发错了|错发|酸的|发酸|拉肚子|一掰就|只能用|标错|歪的|一坐就晃|颜色.{0,8}不一样|和图片.{0,4}不一样|跟图片.{0,4}不一样|跳闸|只有一边|味道(很|太|特别)?(重|大|难闻|刺鼻)|甲醛|不震|\b(wrong (item|colou?r|product|model)|wobbles?|flickers?|peeling|sent (me )?(the )?wrong|they sent|won'?t (even )?turn on)\b|坏了|坏的|坏掉|缩水|鼓包|烧了|烧坏|烂了|全烂|发霉|跑毛|掉毛|塌|开胶|脱胶|虫子|过敏|红疹|坏点|闪|涂层|掉渣|断了|是断的|少了.{0,3}(块|个|件|颗)|裂痕|歪|晃|漏|味道不对|差太远|\b(hole|expired|rash|flicker\w*|wobbl\w*|peel\w*|fell apart|falls apart|sharp edges|nothing like|without the|missing)\b|破损|破了|碎|裂|故障|瑕疵|假货|假的|仿品|山寨|次品|残次|划痕|刮花|不能用|用不了|没法用|不好用|做工|开线|掉色|褪色|起球|变形|异味|发霉|过期|变质|漏水|漏电|漏气|不亮|不开机|开不了机|没声音|没反应|死机|充不进|不制冷|不加热|缺件|少配件|少零件|色差|货不对板|与描述不符|和描述不符|跟描述不符|和图片不一样|尺码不对|东西有问题|商品有问题|产品有问题|\b(quality|broken|damaged|defective|fake|faulty|counterfeit|cracked|scratch(ed|es)?|doesn'?t work|does not work|not working|stopped working|won'?t (turn on|charge|work)|dead on arrival|not as described|wrong size|expired|smells?|missing parts?|poorly made|falls? apart|fell apart)\b/g,
  ],
  [
    'logistics',
    /物流|\bwl\b|快递小哥|取件|中转站|卡在|次日达|当日达|还没见到|快递|配送|发货|压扁|压坏|外包装|包装破|包装都破|摔坏|送错|寄错地址|被偷|丢在门口|\b(crushed|smashed|stolen|left it outside|hasn'?t arrived|hasnt arrived|still nothing|wrong address)\b|没收到|收不到|没到货|未收到|丢件|丢了|延迟|迟迟|还没到|一直没到|没送到|不送货|送货|派送|派件|签收|驿站|包裹|运输|快递员|寄错|发错地址|\b(delivery|delivered|deliver|shipping|shipped|shipment|parcel|package|courier|logistics|lost|late|delay(ed)?|never arrived|not arrived|hasn'?t arrived|never came|not received|never received|tracking|in transit|wrong address)\b/g,
  ],
  [
    'after_sales',
    /售后|当初说|包换|维修费|(商家|卖家|店家).{0,3}不管|\bpromised (a )?free\b|拒绝(退|换|修)|人为损坏|钱.{0,4}没退|退款.{0,4}(没|还没)到|(商家|卖家|店家|客服).{0,3}不理|\b(returned|money back|never got (my )?(money|refund)|refuses to (give|refund|return|repair|exchange))\b|保固|说好|明明说|不给修|不能修|不修|退回去|退回的|一直不处理|不处理|运费|驳回|被拒|\b(rejected|ignoring|copy paste|nothing happens|return request|won'?t fix)\b|不给退|不给换|不退款|退款被拒|拒绝退|不让退|商家不理|卖家不理|店家不理|不理人|不理我|不回复|不回消息|没人回|已读不回|态度|不履行|承诺|保修|驳回|不退钱|没退钱|不确认收货|推诿|推脱|踢皮球|拖着|敷衍|不处理|没下文|没消息|没回音|没人管|维修|返修|客服.{0,4}(差|不管|不理)|\b(after[- ]?sales?|seller|merchant|store|shop|rude|refused|won'?t (refund|reply|respond|answer)|warranty|promise[ds]?|ignor(e|es|ed|ing)|not responding|still no money|no refund yet|sent (it|the item|them) back|no (response|reply)|customer service)\b/g,
  ],
];

/** The parcel arrived crushed ("箱子都压扁了，杯子碎了"): what broke, broke in delivery. */
export const TRANSIT_DAMAGE =
  /(箱子|外箱|纸箱|外包装|包裹).{0,4}(压扁|压坏|压烂|压变形|破了|烂了)|\b(box|package|parcel) (was |came |arrived )?(crushed|smashed)\b/;

/** Problems of no other kind only when nothing else names one ("赠品坏了" is quality, "满减没减" other). */
export const OTHER_IF_NOTHING_ELSE =
  /赠品|尾款|定金|满减|没减|优惠.{0,4}没|比平时还贵|先涨后降|偷偷改|推销|发广告|\b(changed the (description|listing)|listing said)\b/;

/** Rudeness or abuse: the category of whoever was rude (售后, 快递员), `other` when nobody is named. */
export const RUDENESS = /辱骂|骂人|骂我|难听|\b(insult\w*|abus\w*|swore at)\b/;

/** Problems that are none of the three kinds: named as `other` wherever they are said. */
export const OTHER_PROBLEM =
  /原价.{0,4}假|虚标|价格.{0,12}贵了|被.{0,4}卖了|诈骗(短信|电话)|爱买不买|价格欺诈|发到网上|私自(拿|用|使用|盗用)|盗用|买家秀|推销电话|\b(bait and switch)\b|逼我改|改评|中评|(差评|中评).{0,8}(打电话|骚扰)|\b(bad review|negative review)\b|刷单|假好评|好评.{0,4}假|改评价|改差评|捆绑|违禁|广告短信|自动续费|扣了两次|重复扣|多扣|乱扣|变成了?\d|价格变|改价|订单被.{0,6}取消|取消了?我的订单|一问三不知|售前|\b(harass\w*|charged (me )?twice|double[- ]charged|price changed|changed the price|cancell?ed my order|fake reviews?|change my review)\b|虚假宣传|泄露|个人信息|骚扰|威胁|涨价|补差价|删差评|\b(leaked|spam calls?|threaten\w*|raised the price|false advertising)\b/;

/** Explicit answers to "which category" (quick replies and their paraphrases). */
export const CATEGORY_ANSWERS: ReadonlyArray<[Category, RegExp]> = [
  ['quality', /^(商品|产品|东西)?质量(问题|的问题|方面)?$|^(product )?quality( issue| problem)?s?$/],
  [
    'logistics',
    /^(物流|快递|配送|运输)(配送)?(问题|方面|的问题)?$|^(logistics|delivery|shipping)( issue| problem)?s?$/,
  ],
  ['after_sales', /^售后(服务)?(问题|方面|的问题)?$|^after[- ]?sales?( service| issue| problem)?s?$/],
  ['other', /^其他(问题|的|方面)?$|^其它(问题|的)?$|^other( issue| problem)?s?$/],
];

/** Naming the kind outright inside a longer reply ("应该算售后吧，…"): wins over keyword counts. */
export const CATEGORY_NAMED: ReadonlyArray<[Category, RegExp]> = [
  ['quality', /(?<![但可只还])(算|属于|是|选)(商品|产品)?质量(的)?(问题|方面|类|吧|啊|呀|$|[，,。])/],
  ['logistics', /(?<![但可只还])(算|属于|是|选)(物流|快递|配送)(的)?(问题|方面|类|吧|啊|呀|$|[，,。])/],
  ['after_sales', /(?<![但可只还])(算|属于|是|选)售后(服务)?(的)?(问题|方面|类|吧|啊|呀|$|[，,。])/],
];

/** Picking a quick reply by position ("选第一个", "the second one"); index from 1, -1 = last. */
export const ORDINAL_CHOICE =
  /第\s*([一二三四五六1-6])\s*(个|项|种|条)|选\s*([一二三四五六1-6])(?!\d)|最后(一|那)个|\b(first|second|third|fourth|fifth|sixth|last)( one| option)?\b|\boption ([1-6])\b/;

/** "None of those": the offered kinds do not fit, whatever else the reply says. */
export const NONE_OF_THESE = /都不是|都不算|\b(none of (these|those|them)|neither)\b/;

/** When answering "which kind of problem": none of the above. */
export const CATEGORY_OTHER_ANSWER =
  /都不是|都不算|别的|其他|其它|说不清|说不好|不好说|不清楚|不知道属于|不确定|\b(other|none of (these|them|those)|something else|neither|not sure|don'?t know)\b/;

export const RESOLUTION_KEYWORDS: ReadonlyArray<[Resolution, RegExp]> = [
  [
    'refund',
    /退款|退钱|仅退款|钱退|退费|返钱|返款|把钱还|还钱|\b(refund(ed)?|money back|reimburse(ment)?)\b/g,
  ],
  ['return', /退货|退回|退掉|寄回|退了吧|\b(return(ed)?|send (it|them) back|take (it|them) back)\b/g],
  [
    'exchange',
    /换货|换一个|换个|换一件|同款|换新|调换|换成|重新发|补发|再发一个|\b(exchange|replace|replacement|swap|new one|another one)\b/g,
  ],
  [
    'repair',
    /维修|修理|修一下|修好|修修|返修|给我修|帮我修|免费修|修下|修吧|保修|\b(repair(ed)?|fix(ed)?)\b/g,
  ],
  [
    'compensation',
    /赔偿|补偿|赔钱|赔付|赔我|赔点|假一赔|退一赔|赔[一二三四五六七八九十两\d]|\b(compensat\w*|damages)\b/g,
  ],
  ['other', /^其他(方式)?$|^其它$|^other$/g],
];

/** When answering "how would you like it resolved": something else. */
export const RESOLUTION_OTHER_ANSWER =
  /别再|不要再|不再|\bstop (calling|harass\w*|contacting)\b|处罚|惩罚|封店|罚款|下架|曝光|\b(punish\w*|ban (the|this|that)|penali[sz]e)\b|其他|其它|都行|都可以|随便|看着办|看你们|道个?歉|说法|解释|处理一下就行|\b(other|whatever|anything|apolog\w*|explanation|up to you|not sure)\b/;

/** Words right before a keyword that negate it ("不是退货", "not a refund"). */
export const NEGATION_BEFORE =
  /(不是|不要|不想|不给|不肯|不让|不用|拒绝|别|非|not|don't want|do not want|no|refused? to|won't)\s*(折腾|麻烦|搞|弄|走|办)?\s*$/;

/** Evidence kinds: [label, said in passing, said when answering the evidence question]. */
/** Evidence kinds: [label, said in passing, said when answering the evidence question]. */
export const EVIDENCE_KEYWORDS: ReadonlyArray<[string, RegExp, RegExp]> = [
  [
    '照片/photos',
    /照片|图片|截图|相片|拍照|拍了照|\b(photos?|pictures?|pics?|screenshots?)\b/,
    /照片|图片|拍了|拍照|拍的|拍下|照了|实拍|原图|相册|截图|截屏|相片|图|\b(photos?|pictures?|pics?|screenshots?|screen ?shots?|images?|snaps?|snapshots?|shots?)\b/,
  ],
  [
    '聊天记录/chat records',
    /聊天记录|聊天截图|对话记录|\bchat (records?|logs?|history|screenshots?)\b/,
    /聊天|对话|沟通记录|旺旺|千牛|消息记录|客服说|客服承诺|\bchats?\b|\b(messages|conversation|texts|dms?|correspondence|emails?)\b/,
  ],
  [
    '视频/video',
    /视频|视屏|录像|影片|\bvideos?\b/,
    /视频|视屏|录像|录影|录屏|影片|录了|开箱|\b(videos?|recordings?|footage|filmed|clips?|unboxing)\b/,
  ],
  [
    '物流记录/tracking record',
    /物流记录|物流信息|快递单|\btracking\b/,
    /物流|快递单|运单|面单|签收|\b(tracking|waybill|shipping (record|info)|delivery (record|info|status)|proof of delivery)\b/,
  ],
];

/** Negation within a clause about evidence ("照片没拍", "no photos"). */
export const EVIDENCE_NEGATION =
  /没|无|删|扔|丢|不在|\b(no|none|don'?t have|do not have|didn'?t (take|keep|save|get|make|record)|haven'?t (got|taken|kept)|never (took|got|kept)|without|lost|deleted)\b/;

/** Adding to the story already told ("补充一下…", "另外…", "also, …"). */
export const ADDITION =
  /^(补充一?下?|再补充|另外|还有就是|还有一点|(还有\s*)?我?忘(了|记)说了?|对了|\b(also|additionally|one more thing|btw|by the way|plus)\b)[,，:：\s]*/;

/** A new story given at the summary ("问题描述不对 应该是…", "change the description: …"): group 1. */
export const STORY_FIX =
  /^(?:(?:问题)?描述|情况|发生了什么|经过)(?:不对|错了|写错了|有误|不准确)?[,，。\s]*(?:应该是|改成|改为|换成|[:：])\s*(.{4,})$|^(?:change|update|fix|correct) (?:the )?(?:description|story|what happened)(?: to)?\s*[:：]?\s*(.{4,})$/;

/** Declining the phone question before it is asked ("不留电话", "skip phone"). */
export const NO_CONTACT =
  /(不|不用|不想|不方便)留(电话|手机|号码|联系方式)|\b(skip (the )?phone|no phone( number)?|(don'?t|do not) want to (give|leave) (my )?(phone|number))\b/;

/** Saying there is no evidence, in a message that may say more ("4402… 没有证据 要赔偿"). */
export const NO_EVIDENCE =
  /(没有?|无|暂无|暂时没有?)(任何)?(证据|照片|图片|截图|视频|凭证|图|拍照?)|证据暂时?没有|\bno (evidence|pics?|photos?|pictures?|screenshots?|proof|videos?)\b|\b(don'?t|do not) have (any )?(evidence|pics?|photos?|pictures?|screenshots?|proof)\b/g;

/** Having (taken, kept) something: what makes evidence named in passing evidence the user has. */
export const POSSESSION =
  /有|拍|截|存|留着|录|附上|发你|发给|\b(have|had|took|taken|got|saved|kept|attached|recorded|can send)\b/;

export const CORRECTION =
  /错了|写错|输错|填错|说错|搞错|不对|改成|改为|更正|应该是|不是.{1,8}[，,]?(是|要|我要)|\b(wrong|mistake|typo|actually|correction|should be|change (it )?to|instead)\b/;
