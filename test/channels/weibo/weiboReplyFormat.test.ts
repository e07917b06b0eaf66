import { describe, expect, it } from 'vitest';
import {
  WEIBO_TEXT_LIMIT,
  joinReplies,
  outboundText,
  passiveReply,
  splitWeiboText,
} from '../../../src/channels/weibo/weiboReplyFormat.js';

const len = (s: string): number => Array.from(s).length;

describe('weibo reply format', () => {
  it('builds the documented passive reply (data = URL-encoded JSON {text})', () => {
    const body = passiveReply('2489518277', '1902538057', '中文消息');
    expect(body).toEqual({
      result: true,
      receiver_id: '2489518277',
      sender_id: '1902538057',
      type: 'text',
      data: '%7B%22text%22%3A%22%E4%B8%AD%E6%96%87%E6%B6%88%E6%81%AF%22%7D', // the docs' example
    });
  });

  it('joins replies as plain text with quick replies as a hint line', () => {
    expect(
      joinReplies([{ text: '你好' }, { text: '请选择', quickReplies: ['查进度', '转人工'] }, { text: '  ' }]),
    ).toBe('你好\n\n请选择\n【查进度】 【转人工】');
    expect(outboundText({ type: 'agent', text: ' 您好，我是客服小李 ', agent: 'li', caseId: 'c1' })).toBe(
      '您好，我是客服小李',
    );
    expect(outboundText({ type: 'system', reply: { text: '案件已解决', quickReplies: ['好的'] } })).toBe(
      '案件已解决\n【好的】',
    );
  });

  it('keeps short texts whole', () => {
    expect(splitWeiboText('短消息')).toEqual(['短消息']);
    expect(splitWeiboText('   ')).toEqual([]);
    expect(splitWeiboText('字'.repeat(WEIBO_TEXT_LIMIT))).toHaveLength(1);
  });

  it('splits at line breaks first, never above the limit, losing nothing', () => {
    const para = (n: number, c: string) => `${c.repeat(n - 1)}。`;
    const text = [para(120, '甲'), para(120, '乙'), para(120, '丙'), para(50, '丁')].join('\n');
    const parts = splitWeiboText(text);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => len(p) <= WEIBO_TEXT_LIMIT)).toBe(true);
    expect(parts[0]).toBe([para(120, '甲'), para(120, '乙')].join('\n'));
    expect(parts.join('\n')).toBe(text);
  });

  it('splits a long paragraph at sentence ends, then clauses, then hard', () => {
    const sentence = '天猫投诉电话是多少呢这个问题我来回答一下吧好的。'; // 24 chars
    const text = sentence.repeat(30); // 720 chars, no line breaks
    const parts = splitWeiboText(text);
    expect(parts.every((p) => len(p) <= WEIBO_TEXT_LIMIT && p.endsWith('。'))).toBe(true);
    expect(parts.join('')).toBe(text);

    const clauses = '第一，第二，'.repeat(100);
    expect(splitWeiboText(clauses).every((p) => p.endsWith('，') && len(p) <= WEIBO_TEXT_LIMIT)).toBe(true);

    const noBreaks = '字'.repeat(700);
    expect(splitWeiboText(noBreaks).map(len)).toEqual([299, 299, 102]);
  });

  it('counts characters as code points (emoji are never cut in half)', () => {
    const parts = splitWeiboText('😀'.repeat(400));
    expect(parts.map(len)).toEqual([299, 101]);
    expect(parts.join('')).toBe('😀'.repeat(400));
  });

  it('English: splits after ". " not inside numbers', () => {
    const text = 'The fee is 3.50 yuan per call. '.repeat(30).trim();
    const parts = splitWeiboText(text);
    expect(parts.every((p) => p.endsWith('call.'))).toBe(true);
  });
});
