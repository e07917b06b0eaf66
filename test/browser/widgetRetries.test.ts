import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser.js';

const rig = useBrowserRig();

const widget = (page: Page) => page.locator('#kefu-widget');
const bot = (page: Page) => widget(page).locator('.msg.bot');
async function say(page: Page, text: string): Promise<void> {
  await widget(page).locator('textarea').fill(text);
  await widget(page).locator('textarea').press('Enter');
}
const keyOf = (r: Request) => (r.postDataJSON() as { clientMessageId?: string }).clientMessageId;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh page with the widget, recording the chat API requests it makes. */
async function openPage(): Promise<{ page: Page; sessions: Request[]; messages: Request[] }> {
  const page = await (await rig.browser.newContext()).newPage();
  const sessions: Request[] = [];
  const messages: Request[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/web/session')) sessions.push(r);
    if (r.url().endsWith('/api/web/messages')) messages.push(r);
  });
  await page.goto(`${rig.server.url}/`);
  return { page, sessions, messages };
}

describe('widget: nothing lost, nothing doubled (Chromium)', () => {
  it('a message typed before the session request returns waits for that one session; the greeting shows once', async () => {
    const { page, sessions } = await openPage();
    await page.route('**/api/web/session', async (route) => {
      const response = await route.fetch();
      await sleep(1_000); // a slow network: the user types meanwhile
      await route.fulfill({ response });
    });
    await widget(page).locator('.launcher').click();
    await say(page, '投诉电话收费吗');
    await expect.poll(() => bot(page).last().textContent(), { timeout: 10_000 }).toContain('免费');
    expect(sessions).toHaveLength(1);
    expect(await bot(page).filter({ hasText: '投诉助手' }).count()).toBe(1);
    expect(await widget(page).locator('.msg.user').count()).toBe(1);
  });

  it('on 503 the message is kept and sent again with the same clientMessageId', async () => {
    const { page, messages } = await openPage();
    await widget(page).locator('.launcher').click();
    await expect.poll(() => bot(page).count()).toBe(1);
    let refused = 0;
    await page.route('**/api/web/messages', async (route) => {
      if (refused++ === 0) {
        await route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '1' },
          body: JSON.stringify({ error: { code: 'store_unavailable', message: 'try again' } }),
        });
      } else await route.continue();
    });
    await say(page, '投诉电话是多少');
    await expect.poll(() => bot(page).last().textContent(), { timeout: 10_000 }).toContain('400-860-8608');
    expect(messages).toHaveLength(2);
    expect(keyOf(messages[0]!)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyOf(messages[1]!)).toBe(keyOf(messages[0]!));
    expect(await widget(page).locator('.msg.user').count()).toBe(1);
    // The next message gets a key of its own.
    await say(page, '谢谢');
    await expect.poll(() => messages.length).toBe(3);
    expect(keyOf(messages[2]!)).not.toBe(keyOf(messages[0]!));
  });

  it('an answer lost on the network: the retry with the same key gets the stored answer, the turn ran once', async () => {
    const { page, messages } = await openPage();
    await widget(page).locator('.launcher').click();
    await expect.poll(() => bot(page).count()).toBe(1);
    let dropped = 0;
    await page.route('**/api/web/messages', async (route) => {
      if (dropped++ === 0) {
        await route.fetch(); // the server runs the turn …
        await route.abort('connectionreset'); // … but its answer never arrives
      } else await route.continue();
    });
    await say(page, '投诉电话收费吗');
    await expect.poll(() => bot(page).last().textContent(), { timeout: 15_000 }).toContain('免费');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(messages.map(keyOf)).size).toBe(1);
    const token = (await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('kefu:'));
      return (JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as { token?: string }).token;
    })) as string;
    const userId = token.slice(0, token.indexOf('.'));
    const state = (await rig.server.kefu.store.conversations.load(`web:${userId}`)) as { turns: number };
    expect(state.turns).toBe(2); // the greeting and one turn for the message, not two
    expect(await widget(page).locator('.msg.user').count()).toBe(1);
  });
});
