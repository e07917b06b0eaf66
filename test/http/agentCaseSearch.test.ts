import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startKefu } from '../helpers/kefu.js';
import { agentClient, webUser } from '../helpers/webClient.js';

let url: string;
let stop: () => Promise<void>;
const ids: string[] = [];
beforeAll(async () => {
  ({ url, stop } = await startKefu());
  for (const order of ['1111222233334444555', '6666777788889999000', '1234123412341234123']) {
    const user = await webUser(url);
    ids.push((await user.fileComplaint(order)).caseId);
  }
  const agent = agentClient(url, AGENT.token);
  await agent.post(`/cases/${ids[2]}/claim`);
  await agent.post(`/cases/${ids[2]}/resolve`, { note: '已退款' });
});
afterAll(async () => stop());

type Page = { cases: { id: string }[]; nextCursor?: string };
const list = async (query: string): Promise<Page> => {
  const res = await agentClient(url, AGENT.token).get(`/cases${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
/** Ids of the listed cases, sorted (cases filed within one second have no defined order). */
const listIds = async (query: string) => (await list(query)).cases.map((c) => c.id).sort();
const sorted = (xs: (string | undefined)[]) => [...xs].sort();

describe('GET /api/agent/cases filters', () => {
  it('keeps its shape and default (open cases), and filters by status, text, order id and case id', async () => {
    const open = await list('');
    expect(Object.keys(open)).toEqual(['cases']);
    expect(open.cases.map((c) => c.id).sort()).toEqual(sorted([ids[0], ids[1]]));
    expect(await listIds('?status=resolved')).toEqual([ids[2]]);
    expect(await listIds('?status=all')).toEqual(sorted(ids));
    expect(await listIds('?status=queued,resolved&q=6666%207777%208888%209999%20000')).toEqual([ids[1]]);
    expect(await listIds(`?status=all&q=${ids[2]?.toLowerCase()}`)).toEqual([ids[2]]);
    expect(await listIds('?status=all&q=吹风机')).toEqual(sorted(ids));
    expect(await listIds('?q=吹风机&category=logistics')).toEqual([]);
    expect(await listIds('?channel=wechat')).toEqual([]);
  });

  it('filters by business-day dates and pages with a cursor', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await listIds(`?status=all&from=${today}&to=${today}`)).toEqual(sorted(ids));
    expect(await listIds('?status=all&to=2020-01-01')).toEqual([]);
    const first = await list('?status=all&limit=2');
    expect(first.cases).toHaveLength(2);
    const second = await list(`?status=all&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second.nextCursor).toBeUndefined();
    expect([...first.cases, ...second.cases].map((c) => c.id).sort()).toEqual(sorted(ids));
  });

  it('answers 400 for a bad filter instead of ignoring it', async () => {
    const agent = agentClient(url, AGENT.token);
    for (const query of ['?status=open', '?category=food', '?from=yesterday', '?limit=0', '?cursor=xyz'])
      expect((await agent.get(`/cases${query}`)).status, query).toBe(400);
  });
});
