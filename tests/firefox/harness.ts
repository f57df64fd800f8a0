/**
 * Firefox harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, headless,
 * with the built add-on (.output/firefox-mv2-test, the test build) installed as a temporary add-on, as a developer
 * loads it from about:debugging.
 *
 *   const server = await startServer();      // the same fixture server as the Chromium tests
 *   const f = await launchFirefox();          // a fresh profile + the add-on
 *   const page = await f.browser.newPage();
 *   await page.goto(fixtureUrl(server, 'plain.html', { clip: 'vp9-25.webm' }));
 *   ...
 *   await f.close();                          // the profile goes too, unless it was given
 *
 * The add-on's pages have a known address: Firefox takes an add-on's moz-extension host from
 * the `extensions.webextensions.uuids` pref when it names the add-on's id, so this profile
 * gives FrameCoach's fixed id (wxt.config.ts) a fixed host.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proxyPrefs, startHostProxy } from './host-proxy';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from '../e2e/harness';
import { writeXpi } from './xpi';

export { fixtureUrl, startServer, type FixtureServer } from '../e2e/harness';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The test build (npm run build:test:firefox): the release code with the overlay readable by the tests (utils/dom/test-hooks.ts). */
export const FIREFOX_BUILD = join(REPO_ROOT, '.output', 'firefox-mv2-test');
/** The release build (npm run build:firefox): its overlay's root is closed, as a user's is. */
export const FIREFOX_RELEASE_BUILD = join(REPO_ROOT, '.output', 'firefox-mv2');
/** The test build with tab capture granted at install (npm run build:granted:firefox), as Chromium's chrome-mv3-granted. */
export const FIREFOX_GRANTED_BUILD = join(REPO_ROOT, '.output', 'firefox-mv2-granted');
/** The host of the add-on's pages in the test profiles (any UUID would do: this one is ours). */
export const ADDON_UUID = '8b3f5d1c-2a47-4e69-9c0d-5f2e7a1b3c4d';

/** The add-on id the build declares (browser_specific_settings.gecko.id). */
export function addonId(): string {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${FIREFOX_BUILD}/manifest.json has no gecko id`);
  return id;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** The profile folder (give it to the next launch to "restart" the browser). */
  profile: string;
  /** moz-extension://<host> of the add-on's pages. */
  origin: string;
  /** The folder downloads go to, without asking (a fresh one per launch). */
  downloads: string;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** A profile folder to use (kept on close); default a fresh one, removed on close. */
  profile?: string;
  /**
   * How the built add-on is there: `temporary` (default) as from about:debugging (gone, with
   * its data, when Firefox quits); `installed` as a user's installed add-on (an .xpi in the
   * profile, unsigned, which Firefox ESR takes with signatures not required): it stays, data
   * and all, across restarts; `none`.
   */
  addon?: 'temporary' | 'installed' | 'none';
  /** The add-on's folder: the test build unless told (FIREFOX_RELEASE_BUILD). */
  build?: string;
  /** With `installed`: the manifest says this version (written over an older one in the profile, it is an update). */
  version?: string;
  /** Prefs beyond the harness's own (e.g. `media.rvfc.enabled: false`: a Firefox without frame callbacks). */
  prefs?: Record<string, unknown>;
  /** Leave the tour tab the install opens (default: closed). */
  keepTour?: boolean;
  /** Names served on loopback (name → port), through a proxy; every other name gets nothing. Their self-signed certificates are taken. */
  hosts?: Record<string, number>;
}

/** Launches Firefox headless at 1280×800 with the built add-on installed as a temporary add-on. */
export async function launchFirefox(opts: FirefoxOptions = {}): Promise<LaunchedFirefox> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr (or set FIREFOX_PATH).`);
  const build = opts.build ?? FIREFOX_BUILD;
  if (!existsSync(join(build, 'manifest.json'))) {
    const script = build.endsWith('-granted') ? 'build:granted:firefox' : build.endsWith('-test') ? 'build:test:firefox' : 'build:firefox';
    throw new Error(`The Firefox add-on is not built in ${build}: run npm run ${script} (npm test builds every one).`);
  }
  const ownProfile = opts.profile === undefined;
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'framecoach-firefox-'));
  const id = addonId();
  const addon = opts.addon ?? 'temporary';
  if (addon === 'installed') {
    mkdirSync(join(profile, 'extensions'), { recursive: true });
    writeXpi(build, join(profile, 'extensions', `${id}.xpi`), opts.version);
  }
  const downloads = mkdtempSync(join(tmpdir(), 'framecoach-downloads-'));
  const proxy = opts.hosts ? await startHostProxy(opts.hosts) : null;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    // WebDriver BiDi navigates to the add-on's own pages (moz-extension://) only with this.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    // The look-alike sites' certificate is the test's own (tests/fixtures/tls), as Chromium's --ignore-certificate-errors.
    acceptInsecureCerts: proxy !== null,
    extraPrefsFirefox: {
      ...(proxy ? proxyPrefs(proxy.port) : {}),
      'extensions.webextensions.uuids': JSON.stringify({ [id]: ADDON_UUID }),
      // Muted fixture videos play without a click, as in the Chromium tests.
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      // An add-on in the profile is the user's own: enabled, unsigned (a test build).
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      // A download (a packet, keybindings.json, a backup) is saved there without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      ...opts.prefs,
    },
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    await proxy?.close();
    if (ownProfile) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    rmSync(downloads, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    if (addon === 'temporary') {
      const installed = await browser.installExtension(build);
      if (installed !== id) throw new Error(`The add-on was installed as ${installed}, not ${id}`);
    }
    if (addon !== 'none' && !opts.keepTour) await closeTour(browser);
    return { browser, profile, origin: `moz-extension://${ADDON_UUID}`, downloads, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The tour tab an install opens (onInstalled): closed, it would be one more page loading while a test measures. */
async function closeTour(browser: Browser): Promise<void> {
  const tour = await findTab(browser, (url) => url.startsWith(`moz-extension://${ADDON_UUID}/welcome.html`), 5_000);
  await tour?.page.close().catch(() => undefined);
}

/**
 * Each open tab with the address its document has, and whether it has loaded. Puppeteer's
 * `url()` can't say it for the add-on's pages (BiDi sends no navigation events for them), so
 * the document is asked; a tab that does not answer within a second (still starting, or
 * between documents) is left out.
 */
export async function tabs(browser: Browser): Promise<{ page: Page; url: string; loaded: boolean }[]> {
  const found = await Promise.all(
    (await browser.pages()).map(async (page) => {
      const asked = page.evaluate(() => ({ url: location.href, loaded: document.readyState === 'complete' })).catch(() => null);
      const state = await Promise.race([asked, new Promise<null>((done) => setTimeout(() => done(null), 1_000))]);
      return state === null ? null : { page, ...state };
    }),
  );
  return found.filter((tab): tab is { page: Page; url: string; loaded: boolean } => tab !== null);
}

/** Runs `act` and gives the tab it opened, once its document has left about:blank and loaded. */
export async function nextTab(browser: Browser, act: () => Promise<unknown>, timeout: number): Promise<{ page: Page; url: string }> {
  const before = new Set(await browser.pages());
  await act();
  const deadline = Date.now() + timeout;
  for (;;) {
    const tab = (await tabs(browser)).find((t) => !before.has(t.page) && t.loaded && t.url !== 'about:blank');
    if (tab) return tab;
    if (Date.now() > deadline) throw new Error(`No tab opened within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The first tab whose address passes `match`, waiting up to `timeout` ms; null if none came. */
export async function findTab(browser: Browser, match: (url: string) => boolean, timeout: number): Promise<{ page: Page; url: string } | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const tab = (await tabs(browser)).find((t) => match(t.url));
    if (tab || Date.now() > deadline) return tab ?? null;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A new tab, closed by the caller (or with the browser). */
export async function newPage(f: LaunchedFirefox): Promise<Page> {
  return f.browser.newPage();
}
