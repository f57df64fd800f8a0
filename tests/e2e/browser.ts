/**
 * Which browser the e2e tests drive: Chromium (playwright-core, the default) or Firefox
 * (puppeteer-core over WebDriver BiDi: E2E_BROWSER=firefox, set by vitest's `firefox` project
 * for the test files that run in both). Tests read it only where the browsers really differ.
 */
export type E2EBrowser = 'chromium' | 'firefox';

export const BROWSER: E2EBrowser = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';

export const isFirefox = BROWSER === 'firefox';
