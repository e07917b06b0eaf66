import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WechatCrypto } from '../../../src/channels/wechat/wechatCrypto.js';
import {
  WechatEnvelopeSchema,
  WechatMessageSchema,
  toInbound,
} from '../../../src/channels/wechat/wechatSchema.js';
import { parseWechatXml } from '../../../src/channels/wechat/wechatXml.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../src/channels/wechat/fixtures', name), 'utf8');
const inbound = (name: string) =>
  toInbound(WechatMessageSchema.parse(parseWechatXml(fixture(name))), fixture(name));

describe('WeChat fixtures (the documentation’s payloads)', () => {
  it('turns each message type into the right InboundMessage', () => {
    expect(inbound('text.xml')).toMatchObject({
      channel: 'wechat',
      userId: 'fromUser',
      kind: 'text',
      text: 'this is a test',
      messageId: '1234567890123456',
    });
    expect(inbound('image.xml')).toMatchObject({
      kind: 'image',
      attachments: [{ type: 'image', url: 'http://mmbiz.qpic.cn/mmbiz/this-is-a-url', mediaId: 'media_id' }],
    });
    expect(inbound('voice-recognition.xml')).toMatchObject({ kind: 'text', text: '腾讯微信团队' });
    expect(inbound('event-subscribe.xml')).toMatchObject({ kind: 'event', event: 'subscribe' });
    expect(inbound('location.xml')).toMatchObject({ kind: 'other' });
    expect(inbound('text.xml')?.raw).toBe(fixture('text.xml'));
  });

  it('opens the safe-mode envelope with the published key', () => {
    const envelope = WechatEnvelopeSchema.parse(parseWechatXml(fixture('safe-mode-envelope.xml')));
    const crypto = new WechatCrypto(
      'pamtest',
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      'wxb11529c136998cb6',
    );
    expect(crypto.decrypt(envelope.Encrypt)).toBe('我是中文abcd123');
  });
});
