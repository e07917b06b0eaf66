import { describe, expect, it } from 'vitest';
import {
  findCategory,
  findEvidence,
  findMobiles,
  findOrderIds,
  findResolution,
  findStrayNumbers,
} from '../../src/nlu/slotExtractors.js';
import { normalizeText, detectLocale } from '../../src/knowledge/normalize.js';

describe('slot extractors', () => {
  it('finds 16–20 digit order numbers, also typed with spaces or dashes', () => {
    expect(findOrderIds('订单号 4402317789012345678，想退货')).toEqual(['4402317789012345678']);
    expect(findOrderIds('order 4402 3177 8901 2345 678')).toEqual(['4402317789012345678']);
    expect(findOrderIds('1234-5678-9012-3456')).toEqual(['1234567890123456']);
    expect(findOrderIds('订单号 123456')).toEqual([]);
    expect(findOrderIds('123456789012345678901')).toEqual([]);
  });

  it('reads full-width digits after normalization', () => {
    expect(findOrderIds(normalizeText('订单号４４０２３１７７８９０１２３４５６７８'))).toEqual([
      '4402317789012345678',
    ]);
  });

  it('accepts only valid mainland mobile numbers as contacts', () => {
    expect(findMobiles('我的手机 13812345678')).toEqual(['13812345678']);
    expect(findMobiles('+86 138 1234 5678')).toEqual(['13812345678']);
    expect(findMobiles('12345678901')).toEqual([]);
    expect(findMobiles('400-860-8608')).toEqual([]);
  });

  it('reports stray numbers that are neither order nor phone', () => {
    expect(findStrayNumbers('订单号是 123456')).toEqual(['123456']);
    expect(findStrayNumbers('13812345678')).toEqual([]);
  });

  it('picks the category with most hits and ignores negated mentions', () => {
    expect(findCategory('吹风机坏了')).toBe('quality');
    expect(findCategory('快递三天了还没到')).toBe('logistics');
    expect(findCategory('商家态度很差，不给退款')).toBe('after_sales');
    expect(findCategory('物流配送')).toBe('logistics');
    expect(findCategory('the parcel never arrived')).toBe('logistics');
    expect(findCategory('你好')).toBeUndefined();
  });

  it('takes the last non-negated resolution ("不是退货，我要换货" → exchange)', () => {
    expect(findResolution('想退货')).toBe('return');
    expect(findResolution('不是退货，我要换货')).toBe('exchange');
    expect(findResolution('i want a refund')).toBe('refund');
    expect(findResolution('not a refund, I want a replacement')).toBe('exchange');
    expect(findResolution('希望赔偿')).toBe('compensation');
  });

  it('reads a quick reply picked by position, a kind named outright, and "none of those"', () => {
    expect(findCategory('选第一个吧', true)).toBe('quality');
    expect(findCategory('the last one', true)).toBe('other');
    expect(findCategory('option 2', true)).toBe('logistics');
    expect(findCategory('第一个')).toBeUndefined(); // only when answering the question
    expect(findResolution('第2个', true)).toBe('return');
    expect(findResolution('选五', true)).toBe('compensation');
    expect(findCategory(normalizeText('应该算售后吧，东西坏了找商家修，商家不管'))).toBe('after_sales');
    expect(findCategory(normalizeText('不是物流的问题，是东西本身有毛病'), true)).toBe('quality');
    expect(findCategory('none of those, the agent was rude', true)).toBe('other');
    expect(findResolution('能修就修吧，不想折腾退货')).toBe('repair');
  });

  it('recognizes evidence mentions', () => {
    expect(findEvidence('有照片和聊天记录')).toEqual(['照片/photos', '聊天记录/chat records']);
    expect(findEvidence('i have photos')).toEqual(['照片/photos']);
  });

  it('detects the language of a message', () => {
    expect(detectLocale('投诉电话多少', 'en')).toBe('zh-CN');
    expect(detectLocale('what is the hotline number', 'zh-CN')).toBe('en');
    expect(detectLocale('天猫hotline多少', 'en')).toBe('zh-CN');
    expect(detectLocale('4402317789012345678', 'en')).toBe('en');
  });
});
