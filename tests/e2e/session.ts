/**
 * One fixture server and one browser (with the built extension) per test file; pages made
 * with the returned `newPage` are closed after each test.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchFirefox } from '../firefox/harness';
import { isFirefox } from './browser';
import { wrapFirefoxPage } from './firefox-page';
import { launchBrowser, startServer, type FixtureServer, type LaunchedBrowser, type LaunchOptions } from './harness';

/**
 * In Firefox (E2E_BROWSER=firefox) the browser is Firefox with the add-on's test build, and the
 * pages are Playwright-shaped facades (./firefox-page). What only Chromium has (its context, the
 * service worker, the extension id) throws when a test reaches for it: such tests run in
 * Chromium only.
 */
async function launchForTests(launch?: LaunchOptions): Promise<{ browser: LaunchedBrowser; newPage(): Promise<Page> }> {
  if (!isFirefox) {
    const browser = await launchBrowser(launch);
    return { browser, newPage: () => browser.context.newPage() };
  }
  if (launch && Object.keys(launch).length) throw new Error(`Chromium launch options in Firefox: ${Object.keys(launch).join(', ')}`);
  const firefox = await launchFirefox();
  const chromiumOnly = (what: string) => () => {
    throw new Error(`${what} is Chromium's; this test runs in Chromium only`);
  };
  const browser = new Proxy({ close: () => firefox.close() } as LaunchedBrowser, {
    get: (t, prop) => (prop === 'close' ? t.close : prop === 'then' ? undefined : chromiumOnly(`browser.${String(prop)}`)()),
  });
  return { browser, newPage: async () => wrapFirefoxPage(await firefox.browser.newPage()) };
}

export function useBrowser(
  assign: (server: FixtureServer, browser: LaunchedBrowser) => void,
  launch?: LaunchOptions,
): () => Promise<Page> {
  let browser: LaunchedBrowser | undefined;
  let open: (() => Promise<Page>) | undefined;
  let server: FixtureServer | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    ({ browser, newPage: open } = await launchForTests(launch));
    assign(server, browser);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return async () => {
    const page = await open!();
    pages.push(page);
    return page;
  };
}
