/**
 * One fixture server and one browser (with the built extension) per test file; pages made
 * with the returned `newPage` are closed after each test.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, startServer, type FixtureServer, type LaunchedBrowser, type LaunchOptions } from './harness';

export function useBrowser(
  assign: (server: FixtureServer, browser: LaunchedBrowser) => void,
  launch?: LaunchOptions,
): () => Promise<Page> {
  let browser: LaunchedBrowser | undefined;
  let server: FixtureServer | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(launch);
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
    const page = await browser!.context.newPage();
    pages.push(page);
    return page;
  };
}
