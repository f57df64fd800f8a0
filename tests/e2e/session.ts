/**
 * One fixture server and one browser (with the built extension) per test file; pages made
 * with the returned `newPage` are closed after each test.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { FIREFOX_GRANTED_BUILD, FIREFOX_RELEASE_BUILD, findTab, launchFirefox, nextTab, type LaunchedFirefox } from '../firefox/harness';
import { isFirefox } from './browser';
import { wrapFirefoxPage } from './firefox-page';
import { EXTENSION_DIR, GRANTED_DIR, launchBrowser, setAttempt, startServer, type ExtensionRealm, type FixtureServer, type LaunchedBrowser, type LaunchOptions } from './harness';

/**
 * The browser the shared e2e tests drive, with the built extension: Chromium, or in Firefox
 * (E2E_BROWSER=firefox) Firefox with the add-on's test build, whose pages are Playwright-shaped
 * facades (./firefox-page). What only Chromium has (its context, the service worker, the
 * extension id, Chromium's launch options) throws when a test reaches for it: such tests run
 * in Chromium only. A profile folder (`userDataDir`) is kept across launches in both: in
 * Firefox the add-on is then installed in it, as a user's add-on is, so it stays with its data.
 */
export async function launchTestBrowser(launch: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!isFirefox) return launchBrowser(launch);
  const { keepTour, userDataDir, hosts, extension = true, extensionDir, ...chromiumsOwn } = launch;
  // The release build and the one with tab capture granted have Firefox twins.
  const twin = extensionDir === undefined ? undefined : extensionDir === EXTENSION_DIR ? FIREFOX_RELEASE_BUILD : extensionDir === GRANTED_DIR ? FIREFOX_GRANTED_BUILD : null;
  const unsupported = twin === null ? { ...chromiumsOwn, extensionDir } : chromiumsOwn;
  if (Object.keys(unsupported).length) throw new Error(`Chromium launch options in Firefox: ${Object.keys(unsupported).join(', ')}`);
  const addon = !extension ? 'none' : userDataDir === undefined ? 'temporary' : 'installed';
  const firefox = await launchFirefox({ keepTour, profile: userDataDir, addon, hosts, build: twin ?? undefined });
  const wrap = (page: PuppeteerPage, shows?: string) => wrapFirefoxPage(page, { downloads: firefox.downloads, shows });
  const chromiumOnly = (what: string) => () => {
    throw new Error(`${what} is Chromium's; this test runs in Chromium only`);
  };
  const own: Partial<LaunchedBrowser> = {
    close: () => firefox.close(),
    origin: firefox.origin,
    background: addonRealm(firefox),
    newPage: async () => wrap(await firefox.browser.newPage()),
    findPage: async (match, timeout = 10_000) => {
      const tab = await findTab(firefox.browser, match, timeout);
      if (!tab) throw new Error(`No tab with a matching address within ${timeout} ms`);
      return wrap(tab.page, tab.url);
    },
    nextPage: async (act, timeout = 10_000) => {
      const tab = await nextTab(firefox.browser, act, timeout);
      return wrap(tab.page, tab.url);
    },
  };
  return new Proxy(own as LaunchedBrowser, {
    get: (t, prop) => (prop in t ? t[prop as keyof LaunchedBrowser] : prop === 'then' ? undefined : chromiumOnly(`browser.${String(prop)}`)()),
  });
}

/**
 * The add-on's own realm in Firefox: one of its pages (the popup's, for no tab: it shows a
 * message and nothing else), opened in the background on first use and kept. Its `chrome` is
 * made the promise-based `browser`, as Chromium's MV3 `chrome` is.
 */
function addonRealm(firefox: LaunchedFirefox): ExtensionRealm {
  let opened: Promise<PuppeteerPage> | undefined;
  const realm = () =>
    (opened ??= (async () => {
      const page = await firefox.browser.newPage({ background: true });
      await wrapFirefoxPage(page).goto(`${firefox.origin}/popup.html?tab=0`);
      await page.evaluate(() => {
        const g = globalThis as unknown as { chrome: unknown; browser: unknown };
        g.chrome = g.browser;
      });
      return page;
    })());
  return {
    evaluate: (async (fn: never, arg?: never) => (await realm()).evaluate(fn, arg)) as ExtensionRealm['evaluate'],
  };
}

export function useBrowser(
  assign: (server: FixtureServer, browser: LaunchedBrowser) => void,
  launch?: LaunchOptions,
): () => Promise<Page> {
  let browser: LaunchedBrowser | undefined;
  let server: FixtureServer | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchTestBrowser(launch);
    assign(server, browser);
  });
  beforeEach((context) => setAttempt(context.task.result?.retryCount ?? 0));
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => {});
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return async () => {
    const page = await browser!.newPage();
    pages.push(page);
    return page;
  };
}
