/**
 * E2E harness: Debian's Chromium (through playwright-core, no browser download) with the
 * built extension loaded, plus the fixture server.
 *
 *   ensureBuilt();                       // .output/chrome-mv3 must exist (npm run build; the
 *                                        // tests load .output/chrome-mv3-test, npm run build:test)
 *   const server = await startServer();  // tests/fixtures over HTTP with Range support
 *   const b = await launchBrowser();     // persistent context + extension
 *   const page = await b.context.newPage();
 *   await page.goto(fixtureUrl(server, 'plain.html', { clip: 'vp9-25.webm' }));
 *   ...
 *   await b.close(); await server.close();
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { FIXTURES_ROOT, startFixtureServer, type FixtureServer, type FixtureServerOptions } from '../fixtures/server';
import { isFirefox } from './browser';

export type { FixtureServer } from '../fixtures/server';
export { startFixtureServer } from '../fixtures/server';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built extension; FRAMECOACH_EXTENSION_DIR overrides (e.g. a build made elsewhere). */
export const EXTENSION_DIR = process.env.FRAMECOACH_EXTENSION_DIR
  ? resolve(process.env.FRAMECOACH_EXTENSION_DIR)
  : join(REPO_ROOT, '.output', 'chrome-mv3');
/**
 * The test build the e2e tests load by default (npm run build:test): the same code with the
 * overlay readable from the page (utils/dom/test-hooks.ts). The privacy tests load the release
 * build (EXTENSION_DIR), whose overlay the page can't read.
 */
export const TEST_EXTENSION_DIR = process.env.FRAMECOACH_EXTENSION_DIR
  ? resolve(process.env.FRAMECOACH_EXTENSION_DIR)
  : join(REPO_ROOT, '.output', 'chrome-mv3-test');
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Throws a clear error when the extension has not been built. */
/** The test build with tab capture granted at install (npm run build:granted): reports of another site's video. */
export const GRANTED_DIR = resolve(REPO_ROOT, '.output', 'chrome-mv3-granted');

export function ensureBuilt(dir: string = EXTENSION_DIR): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    const how = dir.endsWith('-test') ? 'npm run build:test' : dir.endsWith('-granted') ? 'npm run build:granted' : 'npm run build';
    throw new Error(`The extension is not built: ${join(dir, 'manifest.json')} is missing. Run ${how}.`);
  }
}

/** Starts the fixture server (tests/fixtures) on 127.0.0.1 and a random port. */
export function startServer(opts?: FixtureServerOptions): Promise<FixtureServer> {
  return startFixtureServer(opts);
}

/** The committed loopback test certificate (tests/fixtures/tls/), for look-alike sites over HTTPS. */
export function testTls(): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(join(FIXTURES_ROOT, 'tls', 'key.pem')), cert: readFileSync(join(FIXTURES_ROOT, 'tls', 'cert.pem')) };
}

/**
 * Which try of the current test this is (0: the first). A test tried again (Firefox: see
 * vitest.config.ts) gets its own videos: the `case` it names is suffixed, so what its first
 * try stored (comments, drawings, a measured rate) is not found by the next.
 */
let attempt = 0;
export function setAttempt(n: number): void {
  attempt = n;
}

/**
 * URL of a fixture page. `page` is relative to tests/fixtures/pages/ (e.g. 'plain.html'),
 * or absolute from the fixture root when it starts with '/' (e.g. '/demo/').
 * `host: 'localhost'` gives the other origin of the same server.
 */
export function fixtureUrl(
  server: Pick<FixtureServer, 'port' | 'url'>,
  page: string,
  params: Record<string, string | number | boolean | undefined> = {},
  opts: { host?: '127.0.0.1' | 'localhost' } = {},
): string {
  const base = opts.host ? `http://${opts.host}:${server.port}` : server.url;
  const url = new URL(page.startsWith('/') ? page : `/pages/${page}`, base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, k === 'case' && attempt > 0 ? `${v}-try${attempt + 1}` : String(v));
  return url.toString();
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchOptions {
  /** Load the built extension (default true). */
  extension?: boolean;
  /** Profile folder; default a fresh temp folder, removed on close. */
  userDataDir?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** Default true. */
  headless?: boolean;
  /** Extension folder; default the test build, .output/chrome-mv3-test. */
  extensionDir?: string;
  /**
   * Keep the tour tab a first install opens (the tour's own test). Other tests get it closed
   * as soon as it appears: it would be one more page loading while they measure.
   */
  keepTour?: boolean;
  /**
   * Names sent to the fixture server on loopback (name → its port); every other name then
   * resolves to nothing, so no test traffic leaves the machine, and the test's own certificate
   * is taken for them. Chromium: --host-resolver-rules; Firefox: a proxy on loopback
   * (tests/firefox/host-proxy.ts).
   */
  hosts?: Record<string, number>;
}

/** How long after launch the tour an install opens is waited for. */
const TOUR_WAIT_MS = 30_000;

/** Closes the first-run tour tab an install opens in `context` (once: a tour a test opens itself stays). */
function closeTours(context: BrowserContext): void {
  const isTour = (url: string) => /^chrome-extension:\/\/[a-z]+\/welcome\.html/.test(url);
  const started = Date.now();
  let done = false;
  const close = (page: Page) => {
    if (done || Date.now() - started > TOUR_WAIT_MS || !isTour(page.url())) return;
    done = true;
    void page.close().catch(() => undefined);
  };
  const watch = (page: Page) => {
    close(page);
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && close(page)));
  };
  context.on('page', watch);
  for (const page of context.pages()) watch(page);
}

/**
 * Where the extension's own code runs, for a test that reads or seeds its storage: the MV3
 * service worker in Chromium, one of the add-on's pages in Firefox (same origin, same
 * storage and database). The function runs there and sees the APIs as `chrome`.
 */
export type ExtensionRealm = Pick<Worker, 'evaluate'>;

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The extension's id (from its service worker URL) when the extension is loaded. */
  extensionId?: string;
  /** The origin of the extension's own pages (chrome-extension://<id>, moz-extension://<uuid>) when it is loaded. */
  origin?: string;
  /** The extension's MV3 service worker when the extension is loaded. */
  serviceWorker?: Worker;
  /** The extension's own realm when it is loaded: see ExtensionRealm (the service worker here). */
  background?: ExtensionRealm;
  /** A new tab. */
  newPage(): Promise<Page>;
  /** The first open tab whose address passes `match` (a tab the extension opened), waiting up to `timeout` ms. */
  findPage(match: (url: string) => boolean, timeout?: number): Promise<Page>;
  /** Runs `act` (a click that opens a tab) and gives the tab it opened, once it has left about:blank. */
  nextPage(act: () => Promise<unknown>, timeout?: number): Promise<Page>;
  close(): Promise<void>;
}

/** nextPage over Playwright's pages. */
function nextPageOf(context: BrowserContext): LaunchedBrowser['nextPage'] {
  return async (act, timeout = 10_000) => {
    const before = new Set(context.pages());
    await act();
    const deadline = Date.now() + timeout;
    for (;;) {
      const page = context.pages().find((p) => !before.has(p) && p.url() !== 'about:blank');
      if (page) {
        await page.waitForLoadState();
        return page;
      }
      if (Date.now() > deadline) throw new Error(`No tab opened within ${timeout} ms`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
}

/** findPage over Playwright's pages. */
function pageFinder(context: BrowserContext): LaunchedBrowser['findPage'] {
  return async (match, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const page = context.pages().find((p) => match(p.url()));
      if (page) return page;
      if (Date.now() > deadline) throw new Error(`No tab with a matching address within ${timeout} ms (open: ${context.pages().map((p) => p.url()).join(', ')})`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
}

/**
 * Launches Chromium with a persistent profile (extensions need one), viewport 1280x800,
 * and (by default) the built extension loaded. Waits for the extension's service worker.
 */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  // A file run in Firefox that launched Chromium would pass there and show nothing about Firefox.
  if (isFirefox) throw new Error('launchBrowser starts Chromium: in Firefox this test needs useBrowser (tests/e2e/session.ts), or it is Chromium-only');
  const extension = opts.extension ?? true;
  const extensionDir = opts.extensionDir ?? TEST_EXTENSION_DIR;
  if (extension) ensureBuilt(extensionDir);
  const ownDir = opts.userDataDir === undefined;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'framecoach-e2e-'));

  const args = [...CHROMIUM_ARGS, ...(opts.args ?? [])];
  // The look-alike sites' certificate is the test's own (tests/fixtures/tls).
  if (opts.hosts) args.push(`--host-resolver-rules=${[...Object.entries(opts.hosts).map(([name, port]) => `MAP ${name} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(',')}`, '--ignore-certificate-errors');
  if (extension) {
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROME_PATH,
      headless: opts.headless ?? true,
      args,
      // Playwright passes --disable-extensions by default, which would win over --load-extension.
      ignoreDefaultArgs: extension ? ['--disable-extensions'] : undefined,
      viewport: { width: 1280, height: 800 },
    });
  } catch (err) {
    if (ownDir) rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  const close = async (): Promise<void> => {
    await context.close().catch(() => {});
    if (ownDir) rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const findPage = pageFinder(context);
  const nextPage = nextPageOf(context);
  const newPage = () => context.newPage();
  if (!extension) return { context, newPage, findPage, nextPage, close };
  if (!opts.keepTour) closeTours(context);

  try {
    const serviceWorker = await waitForExtensionWorker(context);
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, origin: `chrome-extension://${extensionId}`, serviceWorker, background: serviceWorker, newPage, findPage, nextPage, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The extension's service worker (waits up to timeoutMs for it to start). */
export async function waitForExtensionWorker(context: BrowserContext, timeoutMs = 15_000): Promise<Worker> {
  const isExt = (w: Worker): boolean => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isExt);
  if (existing) return existing;
  try {
    return await context.waitForEvent('serviceworker', { predicate: isExt, timeout: timeoutMs });
  } catch {
    throw new Error(
      `The extension's service worker did not start within ${timeoutMs} ms (is ${EXTENSION_DIR} a valid MV3 build?)`,
    );
  }
}
