/**
 * Videos that can't be stepped say so in the HUD, and a step press changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { fixtureUrl, type FixtureServer } from './harness';
import { useBrowser } from './session';
import { hudMessage, waitForOverlay } from './overlay';

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

describe('videos that cannot be stepped', () => {
  it('a live stream (duration Infinity) says stepping needs a recorded video', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'live.html'));
    await waitForOverlay(page);
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration === Infinity);
    await page.keyboard.press('.');
    await page.waitForFunction(
      () => /live stream/i.test(document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-message')?.textContent ?? ''),
    );
    expect(await hudMessage(page)).toMatch(/Live stream: frame stepping needs a recorded video/);
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).paused)).toBe(true);
    await page.close();
  });

  it('a video with no frame yet says it is waiting, and the press changes nothing', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'unloaded.html'));
    await waitForOverlay(page);
    await page.keyboard.press('.');
    await page.waitForFunction(
      () => /waiting for the first frame/i.test(document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-message')?.textContent ?? ''),
    );
    const state = await page.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      return { time: v.currentTime, paused: v.paused };
    });
    expect(state).toEqual({ time: 0, paused: true });
    // Once it plays, the message goes away.
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 2);
    await page.waitForFunction(
      () => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-message'),
    );
    await page.close();
  });
});
