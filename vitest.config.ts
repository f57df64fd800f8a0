import { defineConfig } from 'vitest/config';

/**
 * The e2e test files that run in Firefox too (every test in them: none is about a Chromium-only
 * API, or those few say so and skip there).
 */
const FIREFOX_E2E = ['stepping', 'keys', 'controls', 'layout', 'messages', 'hostile', 'comments-ui', 'comment-panel', 'drawing', 'drawing-edit', 'drawing-tools', 'a11y', 'palette', 'keybindings-live', 'tour', 'settings', 'keybindings-editor', 'backup', 'packets', 'report', 'comments', 'hud', 'storage-migration', 'storage-failures', 'privacy', 'discovery', 'sites', 'drive', 'youtube'];

/**
 * What a browser shows is waited for as long as Playwright's `expect` waits (5 s), not
 * vitest's 1 s: on a busy 2-core machine with another browser beside it, a page's answer
 * through the background can take longer than a second, and the wait ends as soon as it is there.
 */
const POLL = { timeout: 5_000, interval: 50 };

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // With `--retry N`, what failed once and passed when tried again is listed at the end of the run.
    reporters: ['default', './tests/flaky-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // IndexedDB's globals (IDBRequest, IDBKeyRange, …) as the browser has them: idb checks
          // against them; each test still opens its own `new IDBFactory()`.
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machines have 2 cores and timing matters.
          fileParallelism: false,
          expect: { poll: POLL },
        },
      },
      {
        extends: true,
        test: {
          // Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (tests/firefox/harness.ts).
          name: 'firefox',
          // Firefox's own tests, and the shared e2e files that run in both browsers (the pages
          // are Playwright-shaped facades over puppeteer: tests/e2e/firefox-page.ts).
          include: ['tests/firefox/**/*.test.ts', ...FIREFOX_E2E.map((f) => `tests/e2e/${f}.test.ts`)],
          env: { E2E_BROWSER: 'firefox' },
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          expect: { poll: POLL },
          // Not retried, like Chromium's: a failure fails the run (docs/architecture.md, *Tests
          // are not tried again*).
        },
      },
    ],
  },
});
