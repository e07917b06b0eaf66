import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/createStore.js';
import { AGENT, startKefu, testConfig } from '../helpers/kefu.js';
import { clockAt } from '../helpers/manualClock.js';
import { ORDER_ID, PHONE, agentClient, webUser } from '../helpers/webClient.js';

const DAY = 24 * 3600_000;

describe('retention and upload housekeeping', () => {
  it('after RETENTION_DAYS a resolved case keeps only its anonymous row and its photo is deleted', async () => {
    let now = new Date('2026-11-25T10:00:00+08:00');
    const store = createMemoryStore();
    const { kefu, url, stop } = await startKefu({
      store,
      clock: clockAt(() => now),
      config: testConfig({ RETENTION_DAYS: '30' }),
    });
    try {
      const user = await webUser(url);
      const { caseId, photo } = await user.fileComplaint();
      const open = await user.fileComplaint('5555666677778888999'); // not resolved: kept
      const agent = agentClient(url, AGENT.token);
      await agent.post(`/cases/${caseId}/claim`);
      await agent.post(`/cases/${caseId}/resolve`, { note: '已换货' });

      now = new Date(now.getTime() + 29 * DAY);
      await kefu.jobs.runNow('retention');
      expect((await agent.case(caseId)).orderId).toBe(ORDER_ID);

      now = new Date(now.getTime() + 2 * DAY);
      await kefu.jobs.runNow('retention');
      const kept = await agent.case(caseId);
      expect(kept).toMatchObject({
        id: caseId,
        status: 'resolved',
        category: 'quality',
        resolution: 'exchange',
      });
      expect(JSON.stringify(kept)).not.toMatch(new RegExp(`${PHONE}|${ORDER_ID}|已换货`));
      expect(
        (await fetch(`${url}${photo}`, { headers: { authorization: `Bearer ${AGENT.token}` } })).status,
      ).toBe(404);
      expect((await agent.case(open.caseId)).orderId).toBe('5555666677778888999');
    } finally {
      await stop();
      await store.close();
    }
  });

  it('an upload no case cites is deleted after 24 h; a cited one stays', async () => {
    let now = new Date('2026-11-25T10:00:00+08:00');
    const store = createMemoryStore();
    const { kefu, url, stop } = await startKefu({ store, clock: clockAt(() => now) });
    try {
      const user = await webUser(url);
      const stray = await user.upload();
      const { photo } = await user.fileComplaint();
      const read = (path: string) =>
        fetch(`${url}${path}`, { headers: { authorization: `Bearer ${user.token}` } });
      const start = now.getTime();
      now = new Date(start + 23 * 3600_000);
      await kefu.jobs.runNow('unattached-uploads');
      expect((await read(stray)).status).toBe(200);
      now = new Date(start + 25 * 3600_000);
      await kefu.jobs.runNow('unattached-uploads');
      expect((await read(stray)).status).toBe(404);
      expect((await read(photo)).status).toBe(200);
    } finally {
      await stop();
      await store.close();
    }
  });

  it('per-session and global upload quotas answer 413 quota_exceeded', async () => {
    const png = (await import('../browser/browser.js')).TINY_PNG;
    const store = createMemoryStore({
      uploadQuotas: { perOwnerBytes: png.length * 2, totalBytes: png.length * 3 },
    });
    const { url, stop } = await startKefu({ store });
    try {
      const one = await webUser(url);
      await one.upload();
      await one.upload();
      await expect(one.upload()).rejects.toThrow(/413.*quota_exceeded/);
      const two = await webUser(url);
      await two.upload();
      await expect(two.upload()).rejects.toThrow(/413.*uploads are full/);
    } finally {
      await stop();
      await store.close();
    }
  });
});
