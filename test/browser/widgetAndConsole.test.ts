import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AGENT, AGENT2, startKefu, testConfig } from '../helpers/kefu.js';
import { SCREENSHOTS, TINY_PNG, useBrowserRig } from './browser.js';

const rig = useBrowserRig();

const widget = (page: Page) => page.locator('#kefu-widget');
async function say(page: Page, text: string): Promise<void> {
  await widget(page).locator('textarea').fill(text);
  await widget(page).locator('textarea').press('Enter');
}
const lastBot = (page: Page) => widget(page).locator('.msg.bot, .msg.agent').last();

describe('chat widget and agent console in Chromium', () => {
  it('a user asks, complains with a photo; an agent claims and answers live; the conversation survives a reload', async () => {
    const userContext = await rig.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const user = await userContext.newPage();
    const requests: string[] = [];
    user.on('request', (r) => requests.push(r.url()));
    await user.goto(`${rig.server.url}/`);
    await user.addStyleTag({
      content: '* { color: rgb(255, 0, 0) !important; font-size: 40px !important; }',
    });
    await widget(user).locator('.launcher').click();
    await expect.poll(() => widget(user).locator('.msg.bot').first().textContent()).toContain('投诉助手');

    await say(user, '投诉电话是多少');
    await expect.poll(() => lastBot(user).textContent()).toContain('400-860-8608');
    expect(await lastBot(user).locator('.chip').textContent()).toContain('hotline-number');
    // The host page's CSS does not reach into the widget.
    expect(await lastBot(user).evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');

    await say(user, '我买的吹风机坏了，订单号 4402317789012345678，想退货');
    await expect.poll(() => lastBot(user).textContent()).toContain('证据');
    await widget(user)
      .locator('input[type=file]')
      .setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: TINY_PNG });
    await expect.poll(() => lastBot(user).textContent()).toContain('手机号');
    await widget(user).locator('.quick button', { hasText: '跳过' }).click();
    await expect.poll(() => lastBot(user).textContent()).toContain('请核对');
    await widget(user).locator('.quick button', { hasText: '确认提交' }).click();
    await expect.poll(() => lastBot(user).textContent()).toMatch(/工单号 KF\d{8}-\w{4}/);
    const caseId = /KF\d{8}-\w{4}/.exec((await lastBot(user).textContent()) ?? '')?.[0] ?? '';
    await user.screenshot({ path: join(SCREENSHOTS, 'widget.png') });

    const agentContext = await rig.browser.newContext({ viewport: { width: 1360, height: 860 } });
    const agent = await agentContext.newPage();
    const consoleUrls: string[] = [];
    agent.on('request', (r) => consoleUrls.push(r.url()));
    await agent.goto(`${rig.server.url}/agent`);
    await agent.fill('#token', AGENT.token);
    await agent.click('#login-form button');
    await agent.locator('.case', { hasText: caseId }).click();
    await expect.poll(() => agent.locator('.evidence img').count()).toBe(1);
    // A second agent, signed in at the same time, sees the claim live.
    const colleague = await (await rig.browser.newContext()).newPage();
    colleague.on('request', (r) => consoleUrls.push(r.url()));
    await colleague.goto(`${rig.server.url}/agent`);
    await colleague.fill('#token', AGENT2.token);
    await colleague.click('#login-form button');
    await expect
      .poll(() => colleague.locator('.case', { hasText: caseId }).textContent())
      .toContain('Queued');
    await agent.click('text=认领 Claim');
    await expect
      .poll(() => colleague.locator('.case', { hasText: caseId }).textContent(), { timeout: 10_000 })
      .toContain(AGENT.name);
    await agent.locator('.reply textarea').fill('您好，我是客服小王，已看到您的照片，马上为您处理。');
    await agent.click('.reply button.primary');
    // The user sees the agent's words without reloading.
    await expect.poll(() => lastBot(user).textContent(), { timeout: 10_000 }).toContain('客服小王');
    await expect.poll(() => agent.locator('.transcript').textContent()).toContain('客服小王');
    await agent.screenshot({ path: join(SCREENSHOTS, 'console.png') });
    // The live stream opened with single-use tickets; no agent token ever appeared in a URL.
    expect(consoleUrls.filter((u) => u.includes('/api/agent/events?ticket=')).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(consoleUrls.filter((u) => u.includes(AGENT.token) || u.includes(AGENT2.token))).toEqual([]);

    await agent.locator('.reply textarea').fill('已为您安排换新，快递单号稍后短信通知。');
    await agent.click('text=结案 Resolve');
    await expect.poll(() => lastBot(user).textContent(), { timeout: 10_000 }).toContain('已处理完毕');

    await user.reload();
    await widget(user).locator('.launcher').click();
    expect(await widget(user).locator('.log').textContent()).toContain('400-860-8608');
    expect(await widget(user).locator('.log').textContent()).toContain('客服小王');
    // Nothing left for another host.
    expect(
      requests.filter(
        (u) => !u.startsWith(rig.server.url) && !u.startsWith('blob:') && !u.startsWith('data:'),
      ),
    ).toEqual([]);
    await userContext.close();
    await agentContext.close();
  }, 60_000);

  it('fits a phone screen and says so plainly when rate-limited', async () => {
    const limited = await startKefu({ config: testConfig({ WEB_RATE_LIMIT_PER_MINUTE: '2' }) });
    const context = await rig.browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${limited.url}/`);
    await widget(page).locator('.launcher').click();
    const panel = await widget(page).locator('.panel').boundingBox();
    expect(panel?.width).toBe(390);
    for (const text of ['你好', '谢谢', '投诉电话多少']) await say(page, text);
    await expect.poll(() => widget(page).locator('.msg.notice').last().textContent()).toContain('发送太频繁');
    await page.screenshot({ path: join(SCREENSHOTS, 'widget-phone.png') });
    await context.close();
    await limited.stop();
  }, 30_000);
});
