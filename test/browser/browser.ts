import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startKefu } from '../helpers/kefu.js';

const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Builds the widget and console bundles the pages serve. */
export function buildWebBundles(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'buildWeb.mjs')], { stdio: 'inherit' });
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Debian's Chromium, headless, with nothing that reaches for the network on its own (Playwright gives it a new empty profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** A tiny valid PNG (1×1, orange). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** What a browser test file works against: Chromium and a kefu on an ephemeral port. */
export interface BrowserRig {
  readonly browser: Browser;
  readonly server: Awaited<ReturnType<typeof startKefu>>;
}

/** Builds the bundles, starts kefu and Chromium before the file's tests, and stops both after. */
export function useBrowserRig(): BrowserRig {
  const rig = {} as { browser: Browser; server: Awaited<ReturnType<typeof startKefu>> };
  beforeAll(async () => {
    buildWebBundles();
    rig.server = await startKefu();
    rig.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.stop();
  });
  return rig;
}
