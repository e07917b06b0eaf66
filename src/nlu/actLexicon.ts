/**
 * Cue words of dialogue acts (see dialogueActs.ts), on normalized text. The global patterns are
 * applied in order deny compounds → affirm → deny → filler: negations that hold an affirm word
 * ("没必要" holds 要) go first, then compounds that contain a negation but mean yes ("不错",
 * "没问题", "不用改", "no problem") are consumed as affirm before "不"/"no" is seen.
 */

const words = (list: readonly string[]): string => list.join('|');

/** English alternatives need word boundaries; Chinese ones don't. */
const en = (list: readonly string[]): string => `\\b(?:${words(list)})\\b`;

const AFFIRM_ZH =
  '没有?什么问题 没有?啥问题 没有问题 没问题 没毛病 没错 不错 不用改 不用修改 不需要改 不需要修改 无需修改 没有?要改的? 没什么要改的? 确认无误 准确无误 无误 正确 确认 确定 提交 送出 递交 同意 可以 好嘞 好滴 好哒 好 行 对头 对 是 嗯 恩 哦了 妥 要 需要 麻烦 拜托 当然 必须的 就这样 就这些 发吧 交吧 成 ok okk+ okay'.split(
    ' ',
  );

const AFFIRM_EN = [
  'no problems?',
  'no worries',
  'not bad',
  'nothing wrong',
  'no changes?(?: needed)?',
  'nothing to (?:change|fix)',
  'why not',
  'yes please',
  'please do',
  'of course',
  'go ahead',
  'go for it',
  'do it',
  'looks? (?:good|great|fine|right|correct|ok|okay)',
  'all (?:good|correct|right|fine)',
  'sounds? (?:good|great|fine|right)',
  'that works',
  'works for me',
  'spot on',
  'sure thing',
  'yes+',
  'yeah+',
  'yea',
  'yep',
  'yup',
  'ya',
  'yah',
  'ye',
  'y',
  'sure',
  'ok',
  'okay',
  'okey',
  'kk?',
  'alright',
  'all right',
  'correct',
  'right',
  'confirm(?:ed)?',
  'submit(?: it)?',
  'send it',
  'file it',
  'good',
  'great',
  'fine',
  'perfect',
  'lgtm',
  'absolutely',
  'definitely',
  'certainly',
  'exactly',
  'agreed?',
  'affirmative',
  'true',
  'cool',
  'awesome',
  'deal',
];

const DENY_ZH = ['不', '别', '没必要', '免了', '拒绝', '否', '错了', '有误', '算了'];

const DENY_EN =
  "no+|nope|nah|not|don'?t|do not|never|wrong|incorrect|negative|rather not|prefer not|i'?ll pass|pass|decline|n".split(
    '|',
  );

const FILLER_ZH =
  '谢谢你? 谢啦 多谢 感谢 暂时 暂且 那就 那么 就是 直接 帮我 给我 一下 全部 信息 内容 这样 以上 上面 现在 赶紧 马上 还是 对吧 是吧 哈哈+ 呵呵 [的滴哒嘞咧了吧啊呀哈哦噢喔呢嘛啦咯呐哟么那就请都全你您可把它先快太真挺也亲额呃唔]'.split(
    ' ',
  );

const FILLER_EN =
  "please|pls|plz|thanks?|thank you|thx|ty|it|it'?s|that|that'?s|this|is|all|everything|the|info|information|details|just|so|then|oh|well|um+|uh+|hmm+|i|i'?m|me|we|do|go|for|now|really|very|much|a|lot|and|to|be|man|mate|lol|haha|sir|you|seems?|ahead".split(
    '|',
  );

/** Hedges that hold an affirm word ("好像不太对" holds 好): read first, as fillers. */
export const HEDGE_CUES = /好像|好象|似乎|貌似|\bseems? like\b/g;
/** Negations that contain an affirm word ("没必要" holds 要): read before the affirm cues. */
/** "Nothing to change" compounds, read before the deny compounds would take their 不用/没. */
export const AFFIRM_COMPOUNDS =
  /不用(?:修)?改|不需要(?:修)?改|无需(?:修)?改|没有?(?:什么|啥)?(?:要|好|需要)改的?|\bno changes?\b/g;
export const DENY_COMPOUNDS = /没有?必要|不必了?|用不着|免了|不需要|不要|不用/g;
export const AFFIRM_CUES = new RegExp(`${words(AFFIRM_ZH)}|${en(AFFIRM_EN)}`, 'g');
export const DENY_CUES = new RegExp(`${words(DENY_ZH)}|${en(DENY_EN)}`, 'g');
export const FILLER_CUES = new RegExp(`${words(FILLER_ZH)}|${en(FILLER_EN)}`, 'g');

/** Dropping the whole complaint, said outright. */
export const EXPLICIT_CANCEL = new RegExp(
  [
    '(?:取消|撤销|撤回|放弃|终止|结束|停止|不要)(?:这次|这个|本次|我的|一下|掉)?的?投诉',
    '不(?:想|要|打算|用)?(?:再)?投诉了',
    '投诉(?:就|先)?不(?:要|用|弄|搞|做|办|提交|交|投)了',
    '不投了',
    '不想投了',
    '\\b(?:cancel|withdraw|drop|abandon|scrap|stop|forget(?: about)?|call off)\\b.{0,16}\\bcomplaint\\b',
    "\\b(?:don'?t|do not|no longer) (?:want|need) to (?:complain|file|make|lodge)",
    '\\bnot (?:going to|gonna) complain',
    "\\bi (?:want|wanna|'d like) to cancel(?: (?:it|this|that|the complaint))?[ .!]*$",
    '\\bdrop it\\b(?! (?:off|at|in|by|for|to|there|here|near|outside))',
  ].join('|'),
);

/** "Never mind" said as a whole clause: skip this, or stop — the context decides. */
export const SOFT_CANCEL = new RegExp(
  `^(?:${words([
    '算了',
    '取消',
    '不弄了',
    '不搞了',
    '不办了',
    '不做了',
    '先不弄了',
    '先这样',
    '不想弄了',
    '不想搞了',
    '没事了',
    '不用了',
    '罢了',
    '拉倒',
    '退出',
    'cancel(?: (?:it|that|this))?',
    'never ?mind',
    'nvm',
    'forget (?:it|about it)',
    'stop',
    'quit',
    'exit',
  ])})(?:吧|啊|呀|了|啦|哈)*$`,
);

/** Nothing to give (evidence). */
export const NONE_CUES = new RegExp(
  [
    '没有|没|无|暂无|木有|删了|扔了|丢了|找不到了|都不在了|都没留|没留',
    en([
      'no',
      'none',
      'nothing',
      'nope',
      'nah',
      'not yet',
      'n/?a',
      "don'?t have",
      'do not have',
      "haven'?t",
      'have not',
      "didn'?t",
      'did not',
      'lost',
      'deleted',
      'threw',
    ]),
  ].join('|'),
);

/** Won't give an optional value (contact). */
export const DECLINE_CUES = new RegExp(
  [
    '不留|不填|不写|不给了|下一步|不方便|不想|不用|不要|不需要|不必|没必要|算了|跳过|免了|不给|保密|隐私|不了|别|拒绝|先不|暂时不|不愿|不打算',
    '没有?手机|没有?电话|在这里?联系|这里联系|线上联系|平台联系|网上联系|站内|私信联系|就在这',
    en([
      'skip(?: it)?',
      'pass',
      'rather not',
      'prefer not',
      "(?:don'?t|do not|please don'?t) (?:call|contact|phone|ring|text) me",
      'no (?:phone )?calls?',
      'no need',
      "don'?t (?:want|need|wish|feel like)",
      'do not (?:want|need)',
      'not comfortable',
      'private',
      'privacy',
      'no thanks?',
      'no thank you',
      'not now',
      'nope',
      'nah',
      'no',
      'not',
      'without',
      'leave it',
      'not necessary',
      'unnecessary',
      '(?:chat|contact me|message me|reach me) (?:here|online|in (?:the )?chat)',
    ]),
  ].join('|'),
);

/** Carry on with the complaint ("don't cancel"). */
export const CONTINUE_WISH = new RegExp(
  [
    '继续|接着|不取消|别取消|不要取消|不用取消|先别|不撤|还要投诉|要投诉的|照常|不放弃',
    en([
      'keep going',
      'continue',
      'carry on',
      'go on',
      "don'?t cancel",
      'do not cancel',
      'not cancel',
      'keep (?:it|the complaint|going)',
      'resume',
    ]),
  ].join('|'),
);

/** "Nothing to change", said with a change word in it. */
export const NO_CHANGE =
  /没有?(?:什么|啥)?问题|\b(?:no changes?(?: needed)?|nothing to (?:change|fix)|nothing (?:is )?wrong|no need to (?:change|edit|fix))\b/g;

/** Something in the summary is wrong or should change. */
export const CHANGE_WISH = new RegExp(
  [
    '(?<!不用|不需要|无需|没有?要|没什么要|没啥要|没什么好|没啥好|不)(?:改|修改|更改|更正)',
    '错了|错误|不对|有误|写错|填错|输错|搞错|弄错|不正确|(?<!没)有问题|不是这个',
    en([
      'change',
      'edit',
      'modify',
      'fix',
      'update',
      'wrong',
      'mistake',
      'incorrect',
      'typo',
      'not right',
      "isn'?t right",
    ]),
  ].join('|'),
);
