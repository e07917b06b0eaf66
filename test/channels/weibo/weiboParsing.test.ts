import { describe, expect, it } from 'vitest';
import { dedupeKey, toInbound } from '../../../src/channels/weibo/weiboInbound.js';
import { int64Reviver, parseWeiboPush, type WeiboPush } from '../../../src/channels/weibo/weiboSchema.js';
import {
  isFreshMs,
  validEchostr,
  verifyWeiboSignature,
  weiboSignature,
} from '../../../src/channels/weibo/weiboSignature.js';
import { fixture } from './weiboTestKit.js';

function parsed(body: unknown): WeiboPush {
  const result = parseWeiboPush(body);
  if (result.kind !== 'push') throw new Error(`ignored ${result.type}`);
  return result.push;
}

describe('weibo signature', () => {
  it('matches the example in the docs (xyz123xyz / 1397022061823 / 57155157)', () => {
    expect(weiboSignature('xyz123xyz', '1397022061823', '57155157')).toBe(
      '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
    );
    const ok = verifyWeiboSignature(
      {
        signature: '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
        timestamp: '1397022061823',
        nonce: '57155157',
        echostr: 'dnPdpTZz85',
      },
      'xyz123xyz',
    );
    expect(ok).toEqual({
      ok: true,
      params: {
        signature: '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
        timestamp: '1397022061823',
        nonce: '57155157',
      },
    });
  });

  it('refuses wrong, missing and repeated parameters', () => {
    const q = {
      signature: '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
      timestamp: '1397022061823',
      nonce: '57155157',
    };
    expect(verifyWeiboSignature(q, 'other-secret')).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWeiboSignature({ ...q, nonce: '57155158' }, 'xyz123xyz')).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyWeiboSignature({ ...q, signature: undefined }, 'xyz123xyz')).toEqual({
      ok: false,
      reason: 'missing_params',
    });
    expect(verifyWeiboSignature({ ...q, nonce: ['57155157', '1'] }, 'xyz123xyz')).toEqual({
      ok: false,
      reason: 'missing_params',
    });
    expect(verifyWeiboSignature({ ...q, signature: 'a'.repeat(1000) }, 'xyz123xyz')).toEqual({
      ok: false,
      reason: 'missing_params',
    });
  });

  it('reads timestamps as milliseconds', () => {
    const now = 1_700_000_000_000;
    expect(isFreshMs(String(now - 299_000), 300, now)).toBe(true);
    expect(isFreshMs(String(now - 301_000), 300, now)).toBe(false);
    expect(isFreshMs(String(now / 1000), 300, now)).toBe(false); // seconds are far in the past
    expect(isFreshMs('12abc', 300, now)).toBe(false);
  });

  it('echoes only a bounded printable echostr', () => {
    expect(validEchostr('dnPdpTZz85')).toBe('dnPdpTZz85');
    expect(validEchostr('<script>\n')).toBeUndefined();
    expect(validEchostr('x'.repeat(300))).toBeUndefined();
    expect(validEchostr(['a', 'b'])).toBeUndefined();
  });
});

describe('weibo push schema and toInbound (docs fixtures)', () => {
  it('text → kind text with the uid as userId', () => {
    const push = parsed(fixture('text'));
    expect(toInbound(push, {})).toMatchObject({
      channel: 'weibo',
      userId: '2489518277',
      kind: 'text',
      text: '私信或留言内容',
    });
  });

  it('image → attachment with the receiver’s view id (tovfid), placeholder text dropped', () => {
    const msg = toInbound(parsed(fixture('image')), {});
    expect(msg).toMatchObject({ kind: 'image', attachments: [{ type: 'image', mediaId: '821804469' }] });
    expect(msg?.text).toBeUndefined();
    const onlyVfid = { ...fixture('image'), data: { vfid: 821804459 } };
    expect(toInbound(parsed(onlyVfid), {})?.attachments).toEqual([{ type: 'image', mediaId: '821804459' }]);
  });

  it('voice → kind voice; position → other; mention → other with the text', () => {
    expect(toInbound(parsed(fixture('voice')), {})).toMatchObject({ kind: 'voice' });
    expect(toInbound(parsed(fixture('voice')), {})?.text).toBeUndefined();
    expect(toInbound(parsed(fixture('position')), {})).toMatchObject({ kind: 'other' });
    expect(toInbound(parsed(fixture('mention')), {})).toMatchObject({
      kind: 'other',
      text: '@天猫客服 我的订单一直没发货，怎么投诉？',
    });
  });

  it('follow, subscribe and scan_follow are a follow event; unfollow/unsubscribe are nothing', () => {
    for (const name of ['event-follow', 'event-subscribe', 'event-scan-follow']) {
      expect(toInbound(parsed(fixture(name)), {})).toMatchObject({ kind: 'event', event: 'follow' });
    }
    expect(toInbound(parsed(fixture('event-unfollow')), {})).toBeNull();
    const unsubscribe = { ...fixture('event-subscribe'), data: { subtype: 'unsubscribe' } };
    expect(toInbound(parsed(unsubscribe), {})).toBeNull();
    const click = { ...fixture('event-follow'), data: { subtype: 'click', key: 'MENU_FAQ' } };
    expect(toInbound(parsed(click), {})).toMatchObject({ kind: 'event', event: 'click' });
  });

  it('accepts data as a JSON string (the docs type it "string") or absent where optional', () => {
    const image = { ...fixture('image'), data: '{"vfid": 821804459, "tovfid": 821804469}' };
    expect(toInbound(parsed(image), {})?.attachments).toEqual([{ type: 'image', mediaId: '821804469' }]);
    const follow = { ...fixture('event-follow'), data: JSON.stringify({ subtype: 'follow' }) };
    expect(toInbound(parsed(follow), {})).toMatchObject({ kind: 'event', event: 'follow' });
    const { data: _p, ...position } = fixture('position');
    expect(toInbound(parsed(position), {})).toMatchObject({ kind: 'other' });
    const { data: _m, ...mention } = fixture('mention');
    expect(toInbound(parsed(mention), {})).toMatchObject({ kind: 'other' });
    expect(toInbound(parsed({ ...fixture('mention'), data: '' }), {})).toMatchObject({ kind: 'other' });
    const { data: _t, ...text } = fixture('text');
    expect(toInbound(parsed(text), {})).toMatchObject({ kind: 'text' });
    expect(() => parseWeiboPush({ ...fixture('image'), data: '{not json' })).toThrow();
    expect(() => parseWeiboPush({ ...fixture('event-follow'), data: '' })).toThrow();
  });

  it('ignores unknown types and refuses malformed known ones', () => {
    expect(parseWeiboPush({ ...fixture('text'), type: 'video' })).toEqual({ kind: 'ignored', type: 'video' });
    expect(() => parseWeiboPush({ ...fixture('text'), sender_id: 'abc' })).toThrow(/sender_id/);
    expect(() => parseWeiboPush({ ...fixture('text'), sender_id: -5 })).toThrow();
    expect(() => parseWeiboPush({ ...fixture('image'), data: {} })).toThrow(/vfid/);
    expect(() => parseWeiboPush({ ...fixture('event-follow'), data: { subtype: 42 } })).toThrow();
    expect(() => parseWeiboPush([fixture('text')])).toThrow();
    expect(() => parseWeiboPush({ type: 7 })).toThrow();
  });

  it('keeps int64 ids exact and strips unknown keys (no __proto__ carried along)', () => {
    const raw = JSON.parse(
      '{"type":"text","receiver_id":1902538057,"sender_id":98765432109876543,"created_at":"x","text":"hi","__proto__":{"polluted":1},"extra":1}',
      int64Reviver,
    ) as unknown;
    const push = parsed(raw);
    expect(push.sender_id).toBe('98765432109876543');
    expect(Object.keys(push).sort()).toEqual(['created_at', 'receiver_id', 'sender_id', 'text', 'type']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cuts text longer than an InboundMessage allows', () => {
    const msg = toInbound(parsed({ ...fixture('text'), text: '投'.repeat(5000) }), {});
    expect(msg?.text).toHaveLength(4000);
  });

  it('dedupe key: a retry collides, another message in the same second does not', () => {
    const a = parsed(fixture('text'));
    expect(dedupeKey(a)).toBe(dedupeKey(parsed(fixture('text'))));
    expect(dedupeKey(a)).toMatch(/^dedupe:weibo:2489518277:[0-9a-f]{40}$/);
    expect(dedupeKey(parsed({ ...fixture('text'), text: '另一条' }))).not.toBe(dedupeKey(a));
    expect(dedupeKey(parsed({ ...fixture('text'), created_at: 'Mon Jul 16 18:09:21 +0800 2012' }))).not.toBe(
      dedupeKey(a),
    );
  });
});
