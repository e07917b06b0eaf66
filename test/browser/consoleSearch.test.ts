import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startKefu } from '../helpers/kefu.js';
import { agentClient, webUser } from '../helpers/webClient.js';
import { buildWebBundles, launchChromium } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startKefu>>;
beforeAll(async () => {
  buildWebBundles();
  server = await startKefu();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('agent console search', () => {
  it('finds a case by order id, and a resolved one once the status filter says so', async () => {
    const a = await (await webUser(server.url)).fileComplaint('1111222233334444555');
    const b = await (await webUser(server.url)).fileComplaint('6666777788889999000');
    const agent = agentClient(server.url, AGENT.token);
    await agent.post(`/cases/${b.caseId}/claim`);
    await agent.post(`/cases/${b.caseId}/resolve`, { note: '已退款' });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/agent`);
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
