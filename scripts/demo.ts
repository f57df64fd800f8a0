/**
 * npm start: build the extension, serve the demo page with the sample clips, and open
 * Chromium with FrameCoach loaded on it. Without a display it prints how to load the
 * extension by hand and leaves the demo server running.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startFixtureServer } from '../tests/fixtures/server';
import { CHROMIUM_ARGS, EXTENSION_DIR, REPO_ROOT } from '../tests/e2e/harness';

const PORT = Number(process.env.PORT ?? 8317);
const BROWSERS = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter((p): p is string => !!p);

function build(): void {
  if (process.env.SKIP_BUILD) return;
  console.log('Building the extension (wxt build)…');
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function main(): Promise<void> {
  build();
  const server = await startFixtureServer({ port: PORT });
  const demo = `${server.url}/demo/`;
  const browserPath = BROWSERS.find((p) => existsSync(p));
  const manual = [
    '',
    `FrameCoach is built in ${EXTENSION_DIR}`,
    `The demo page with sample clips is served at ${demo}`,
    '',
    'To load the extension by hand in Chrome or Chromium:',
    '  1. open chrome://extensions and switch on "Developer mode" (top right)',
    `  2. click "Load unpacked" and choose ${EXTENSION_DIR}`,
    `  3. open ${demo} and press "?" over a video for the keys`,
    '',
    'The demo server keeps running until you press Ctrl+C.',
  ].join('\n');

  if (!hasDisplay() || !browserPath) {
    if (!browserPath) console.log('\nNo Chrome/Chromium found (set CHROME_PATH to use one).');
    else console.log('\nNo display found, so no browser window is opened.');
    console.log(manual);
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }

  const profile = join(REPO_ROOT, '.output', 'demo-profile');
  mkdirSync(profile, { recursive: true });
  console.log(`Opening ${browserPath} with FrameCoach on ${demo}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: false,
    viewport: null,
    args: [
      ...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
    ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demo);
  console.log(manual);
  context.on('close', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
