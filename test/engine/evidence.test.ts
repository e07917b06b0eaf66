import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseEvidenceText,
  evidenceFromV1,
  MENTIONED_EVIDENCE,
  type EvidenceItem,
} from '../../src/domain/evidence.js';
import { formatSummary } from '../../src/engine/formatting.js';
import { STATE_VERSION, parseConversationState } from '../../src/engine/state.js';
import { startFakeWechatApi } from '../fakes/fakeWechatApi.js';
import { AGENT, startKefu, testConfig } from '../helpers/kefu.js';
import { WX, field, signedQuery, textXml } from '../channels/wechat/wechatKit.js';

const PIC_URL = 'http://mmbiz.qpic.cn/mmbiz_jpg/evidence.jpg';

let server: Awaited<ReturnType<typeof startKefu>>;
let wechatApi: Awaited<ReturnType<typeof startFakeWechatApi>>;

beforeAll(async () => {
  wechatApi = await startFakeWechatApi();
  server = await startKefu({
    config: testConfig({
      WECHAT_TOKEN: WX.token,
      WECHAT_APPID: WX.appId,
      WECHAT_APPSECRET: WX.appSecret,
      WECHAT_API_BASE: wechatApi.baseUrl,
    }),
  });
});
afterAll(async () => {
  await server.stop();
  await wechatApi.close();
});

let seq = 0;
function imageXml(from: string): string {
  const msgId = `8${String(Date.now()).slice(-10)}${String(++seq).padStart(5, '0')}`;
  return `<xml><ToUserName><![CDATA[${WX.account}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[${PIC_URL}]]></PicUrl><MediaId><![CDATA[media-evidence-${seq}]]></MediaId><MsgId>${msgId}</MsgId></xml>`;
}

/** Sends one WeChat message and returns the passive reply's text. */
async function send(xml: string): Promise<string> {
  const res = await fetch(`${server.url}/wechat?${signedQuery().toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: xml,
  });
  expect(res.status).toBe(200);
  return field(await res.text(), 'Content') ?? '';
}

describe('a WeChat picture (PicUrl http://…) as complaint evidence', () => {
  it('shows as one image in the Chinese summary, and the case keeps its URL', async () => {
    const user = 'o-evidence-zh';
    expect(await send(textXml(user, '我要投诉 商品破损了 订单号 4402317789012345678'))).toContain('证据');
    expect(await send(imageXml(user))).toContain('怎么解决');
    await send(textXml(user, '退款'));
    const summary = await send(textXml(user, '跳过'));
    expect(summary).toContain('证据: 图片 ×1');
    expect(summary).not.toContain('http:');
    const filed = await send(textXml(user, '确认提交'));
    const caseId = /KF\d{8}-\w{4}/.exec(filed)?.[0];
    expect(caseId).toBeDefined();
    const res = await fetch(`${server.url}/api/agent/cases/${caseId}`, {
      headers: { authorization: `Bearer ${AGENT.token}` },
    });
    const { case: c } = (await res.json()) as { case: { evidence: string[] } };
    expect(c.evidence).toEqual([PIC_URL]);
  });

  it('shows as one image in the English summary', async () => {
    const user = 'o-evidence-en';
    await send(textXml(user, 'I want to make a complaint'));
    await send(textXml(user, 'Quality'));
    await send(textXml(user, '4402317789012345678'));
    expect(await send(textXml(user, 'The hair dryer I received will not turn on'))).toContain('evidence');
    expect(await send(imageXml(user))).toContain('How would you like it resolved');
    await send(textXml(user, 'Refund'));
    const summary = await send(textXml(user, 'skip'));
    expect(summary).toContain('Evidence: 1 image(s)');
    expect(summary).not.toMatch(/Evidence: *\n/);
  });
});

describe('evidence items', () => {
  const items: EvidenceItem[] = [
    { kind: 'file', url: PIC_URL, mediaId: 'm1', mime: 'image/*' },
    { kind: 'file', url: '/api/web/uploads/abcdefgh1234', mime: 'image/*' },
    { kind: 'file', mediaId: 'media-9', mime: 'image/*' },
    ...MENTIONED_EVIDENCE.map((item): EvidenceItem => ({ kind: 'mentioned', item })),
  ];

  it('read in the user’s language, files counted by kind', () => {
    const slots = { evidence: items, evidenceDone: true, contactDone: true };
    expect(formatSummary(slots, 'zh-CN')).toContain(
      '证据: 照片、聊天记录、视频、物流记录、有证据（未说明类型）、图片 ×3',
    );
    expect(formatSummary(slots, 'en')).toContain(
      'Evidence: photos, chat records, video, tracking record, evidence (type not said), 3 image(s)',
    );
    const voice = {
      evidence: [{ kind: 'file', mediaId: 'v', mime: 'audio/*' } as const],
      evidenceDone: true,
    };
    expect(formatSummary({ ...voice, contactDone: true }, 'en')).toContain('Evidence: 1 voice message(s)');
  });

  it('a case carries the same text as before the union (its public evidence: string[])', () => {
    expect(items.map(caseEvidenceText)).toEqual([
      PIC_URL,
      '/api/web/uploads/abcdefgh1234',
      'image:media-9',
      '照片/photos',
      '聊天记录/chat records',
      '视频/video',
      '物流记录/tracking record',
      '有证据（未说明类型）/evidence (type not said)',
    ]);
  });

  it('a stored version-1 state is migrated: its evidence strings become items', () => {
    const at = '2026-11-25T10:00:00.000Z';
    const v1Evidence = [PIC_URL, '/api/web/uploads/abcdefgh1234', 'image:media-9', '照片/photos'];
    const state = parseConversationState({
      version: 1,
      locale: 'zh-CN',
      intake: {
        slots: { category: 'quality', evidence: v1Evidence, evidenceDone: true, contactDone: false },
        history: { evidence: [{ value: v1Evidence, at, how: 'given' }] },
        pending: 'resolution',
        failures: {},
        startedAt: at,
      },
      misses: 0,
      recent: [],
      turns: 3,
      createdAt: at,
      updatedAt: at,
    });
    expect(state?.version).toBe(STATE_VERSION);
    expect(state?.intake?.slots.evidence).toEqual([
      { kind: 'file', url: PIC_URL, mime: 'image/*' },
      { kind: 'file', url: '/api/web/uploads/abcdefgh1234', mime: 'image/*' },
      { kind: 'file', mediaId: 'media-9', mime: 'image/*' },
      { kind: 'mentioned', item: 'photos' },
    ]);
    expect(state?.intake?.history.evidence?.[0]?.value).toEqual(state?.intake?.slots.evidence);
    expect(formatSummary(state!.intake!.slots, 'zh-CN')).toContain('证据: 照片、图片 ×3');
    expect(evidenceFromV1('有证据（未说明类型）/evidence (type not said)')).toEqual({
      kind: 'mentioned',
      item: 'unspecified',
    });
  });

  it('an unknown version is not guessed at', () => {
    expect(parseConversationState({ version: 99, locale: 'zh-CN' })).toBeUndefined();
    expect(parseConversationState({ version: 0, locale: 'zh-CN' })).toBeUndefined();
  });
});
