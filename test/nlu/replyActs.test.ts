import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { FaqIndex } from '../../src/knowledge/faqIndex.js';
import { RuleNlu } from '../../src/nlu/ruleNlu.js';
import type { PendingQuestion } from '../../src/domain/intake.js';

const kb = loadKnowledge();
const nlu = new RuleNlu(
  new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope }),
);
const read = (text: string, pending?: PendingQuestion) =>
  nlu.interpretSync(text, { locale: 'zh-CN', pending, filled: [] });

describe('replies read against the pending question', () => {
  it('"nothing to change" at the summary is a yes, a wish to change is not', () => {
    for (const text of ['不用改了', '不用改', '没啥要改的，提交吧', 'no changes'])
      expect(read(text, 'confirm').act, text).toBe('affirm');
    expect(read('要改一下', 'confirm').act).toBe('deny');
  });

  it('not knowing the order number is "none", and never becomes the description', () => {
    const r = read('我不记得订单号了', 'orderId');
    expect(r.act).toBe('none');
    expect(r.slots.description).toBeUndefined();
    expect(read('算了', 'orderId').act).toBe('abandon');
  });

  it('declines, yeses and noes in words', () => {
    expect(read("please don't call me", 'contact').act).toBe('decline');
    expect(read('暂时不用', 'offer_human').act).toBe('deny');
    expect(read('嗯 不要了', 'confirm_cancel').act).toBe('affirm');
    expect(read('不要取消', 'confirm_cancel').act).toBe('deny');
    expect(read('有，要怎么发给你', 'evidence').act).toBe('affirm');
  });

  it('identity questions get the introduction; another company’s line is not a handoff or a complaint', () => {
    expect(read('你是真人还是机器人').intent).toBe('greeting');
    expect(read('are you a bot?').intent).toBe('greeting');
    expect(read('10086怎么转人工').intent).toBe('other');
    expect(read('转人工').intent).toBe('ask_human');
    // A digit hotline named as another organisation (12345) is not found inside an order number.
    expect(read('我要投诉，订单号 4402317789012345678，台灯不亮').intent).toBe('start_complaint');
    expect(read('12345热线几点上班').faqId).toBeUndefined();
    // A courier or a brand in a Tmall order's problem is ours.
    expect(read('顺丰快递员电话打不通，我的包裹三天了还没到').intent).toBe('start_complaint');
    expect(read('我要投诉顺丰快递员').intent).toBe('start_complaint');
    expect(read('我要投诉京东').intent).toBe('other');
    expect(read('天猫上买的华为手环，投诉电话多少').faqId).toBe('hotline-number');
  });

  it('a greeting or a rhetorical question does not hide a complaint', () => {
    expect(read('在吗 想投诉').intent).toBe('start_complaint');
    expect(read('我要投素！！').intent).toBe('start_complaint');
    expect(read('买了个电动牙刷，用了一次就不震了，这不是坑人吗').intent).toBe('start_complaint');
    expect(read('the customer service agent was really rude to me').intent).toBe('start_complaint');
  });

  it('"不要人工" says no to a person; a long question with chatter is found in its clause', () => {
    expect(read('不要人工', 'offer_human').intent).toBe('deny');
    expect(read('不用转人工').intent).not.toBe('ask_human');
    const long = read('阿姨你好，我年纪大了眼睛也不好，就想问问天猫投诉打哪个号码，你写大一点');
    expect(long.intent).toBe('faq');
    expect(long.faqId).toBe('hotline-number');
    // A story of a problem is not searched clause by clause.
    expect(read('买的台灯不亮了，这不是坑人吗').intent).toBe('start_complaint');
    // Nor a message about another company.
    expect(read('你好，我想问一下，京东的投诉电话是多少').faqId).toBeUndefined();
  });

  it('a request for a person or a complaint is never lost to a product, payment or identity word', () => {
    for (const text of [
      '我买的移动电源鼓包了，我要投诉',
      '燃气灶打不着火，我要投诉',
      '用支付宝付的钱，扣了两次，我要投诉',
      '快递放物业了，一直没收到，我要投诉',
      '退款10000元一直没到账，我要投诉',
      'DHL lost my package, I want to complain',
    ])
      expect(read(text).intent, text).toBe('start_complaint');
    for (const text of [
      '银行卡被扣了两次钱，转人工',
      'I want to talk to a human, my bank card was charged twice',
      '你是机器人吗？转人工',
      'are you a bot? I want a human',
      '电话打不通，转人工',
      '转人工，没人吗',
      '我不要客服机器人，我要真人',
      '不要人工智能回复，转人工',
      'no agent has replied for 3 days, get me a human',
    ])
      expect(read(text).intent, text).toBe('ask_human');
    expect(read('你是机器人吗，我要人工', 'orderId').intent).toBe('ask_human');
  });

  it('a positional pick is a whole reply; weak "other" signs neither override a kind nor start a complaint', () => {
    expect(read('第二个杯子也碎了，我要退款', 'resolution').slots.resolution).toBe('refund');
    expect(read('第二个杯子也碎了', 'category').slots.category).toBe('quality');
    expect(read("refund please, it's the last straw", 'resolution').slots.resolution).toBe('refund');
    expect(read('赠品坏了').slots.category).toBe('quality');
    for (const text of ['想了解一下满减规则', '我想了解定金的规则'])
      expect(read(text).intent, text).not.toBe('start_complaint');
    expect(read('是快递送来的时候发现是坏的').slots.category).toBe('quality');
    expect(read('有，但是都删了', 'evidence').act).toBe('none');
  });

  it('more of the problem at the evidence question is not "none"; two greetings are a greeting', () => {
    expect(read('就是插上电按开关没反应 指示灯也不亮', 'evidence').act).toBeUndefined();
    expect(read('东西坏了但是没拍照', 'evidence').act).toBe('none');
    expect(read('没有', 'evidence').act).toBe('none');
    expect(read('哈喽 在不在').intent).toBe('greeting');
    expect(read('hey there').intent).toBe('greeting');
    expect(read('how long until someone gets back to me').faqId).toBe('processing-time');
  });

  it('round 6: stated problems and their kind, a yes after a filler, cancels in English (written blind)', () => {
    expect(read('嗯 有证据', 'evidence').act).toBe('affirm');
    expect(read('stop, i want to cancel', 'contact').intent).toBe('cancel');
    expect(read('nvm the seller just refunded me, drop it', 'resolution').intent).toBe('cancel');
    // …but cancelling an order or a courier dropping a parcel is not dropping the complaint.
    expect(read('I want to cancel the order and get a refund', 'resolution').intent).not.toBe('cancel');
    expect(read('the courier was supposed to drop it at my door', 'description').intent).not.toBe('cancel');
    expect(read('收纳盒子用两天就烂了').slots.category).toBe('quality');
    expect(read('I read reviews before buying and it arrived cracked').slots.category).toBe('quality');
    const food = read('零食里面吃出头发了 恶心死了');
    expect([food.intent, food.slots.category]).toEqual(['start_complaint', 'quality']);
    expect(read('台灯开关按不下去 刚拆封就这样').intent).toBe('start_complaint');
    // Broken because the box was crushed: delivery, though 碎 alone says quality.
    expect(read('收到箱子都压扁了 里面的杯子碎了一地').slots.category).toBe('logistics');
    expect(read('杯子碎了').slots.category).toBe('quality');
    // Price and privacy tricks, pre-sale rudeness: "other", whoever is named.
    for (const text of [
      '商家标的原价是假的 从来没卖过那个价',
      '付款的价格比商品页面显示的贵了30块',
      '我的地址电话被商家卖了 天天收到诈骗短信',
      '只是咨询一下产品 客服说话特别冲 还说爱买不买',
      '订单被莫名取消 再上架价格贵了一百 这什么操作',
    ]) {
      const r = read(text);
      expect([r.intent, r.slots.category], text).toEqual(['start_complaint', 'other']);
    }
    // "知道我买了啥" tells, it does not ask.
    expect(read('下单后老有陌生人打电话 知道我买了啥 信息肯定被泄露了').intent).toBe('start_complaint');
    // Other makers and parcel lockers are not our line; 客诉 is 投诉.
    expect(read('海尔售后电话收费吗').faqId).toBeUndefined();
    expect(read('菜鸟驿站电话是多少').faqId).toBeUndefined();
    expect(read('天猫客诉电话多少').faqId).toBe('hotline-number');
  });
});

describe('smaller readings from an exploratory test', () => {
  it('"送出" at the summary submits; "拍了视频" is a video, not photos too', () => {
    expect(read('送出', 'confirm').act).toBe('affirm');
    // The 好 of a hedge is no yes: "好像不太对" must not file the case.
    expect(read('好像不太对', 'confirm').act).toBe('deny');
    expect(read('好像没问题', 'confirm').act).toBe('affirm');
    expect(read('拍了视频', 'evidence').slots.evidence).toEqual(['视频/video']);
    expect(read('拍了照片也有视频', 'evidence').slots.evidence).toEqual(['照片/photos', '视频/video']);
  });

  it('evidence named in passing counts only when the user has it; "没有证据" in a longer message is none', () => {
    expect(read('跟图片完全不一样', 'description').slots.evidence).toBeUndefined();
    expect(read('物流信息一直不动', 'description').slots.evidence).toBeUndefined();
    expect(read('截图我都存了', 'description').slots.evidence).toEqual(['照片/photos']);
    expect(read('4402317789012345678 没有证据 要赔偿', 'orderId').slots.evidenceNone).toBe(true);
  });
});
