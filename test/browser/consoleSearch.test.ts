import { describe, expect, it } from 'vitest';
import { AGENT } from '../helpers/kefu.js';
import { agentClient, webUser } from '../helpers/webClient.js';
import { useBrowserRig } from './browser.js';

const rig = useBrowserRig();

describe('agent console search', () => {
  it('finds a case by order id, and a resolved one once the status filter says so', async () => {
    const a = await (await webUser(rig.server.url)).fileComplaint('1111222233334444555');
    const b = await (await webUser(rig.server.url)).fileComplaint('6666777788889999000');
    const agent = agentClient(rig.server.url, AGENT.token);
    await agent.post(`/cases/${b.caseId}/claim`);
    await agent.post(`/cases/${b.caseId}/resolve`, { note: '已退款' });

    const page = await (await rig.browser.newContext()).newPage();
    await page.goto(`${rig.server.url}/agent`);
    await page.fill('#token', AGENT.token);
    await page.click('#login-form button');
    const shown = async () => (await page.locator('#queue .case strong').allTextContents()).sort();
    await expect.poll(shown).toEqual([a.caseId]);
    await page.fill('#filter-q', '6666 7777 8888 9999 000');
    await expect.poll(shown).toEqual([]);
    await expect.poll(() => page.locator('#queue .empty').textContent()).toContain('No matching cases');
    await page.selectOption('#filter-status', 'all');
    await expect.poll(shown).toEqual([b.caseId]);
    await page.fill('#filter-q', '');
    await expect.poll(shown).toEqual([a.caseId, b.caseId].sort());
  });
});
