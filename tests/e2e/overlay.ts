/**
 * What the user sees of FrameCoach in a page, read the way a test needs it: the overlay
 * host (its data-* attributes mirror the HUD), its shadow-root panel, and step completion.
 */
import type { ElementHandle, Frame, Page } from 'playwright-core';

export type Target = Page | Frame;
export const HOST = 'framecoach-overlay';

/** Waits until FrameCoach has attached to a video in `target` and its overlay shows. */
export async function waitForOverlay(target: Target, timeout = 15_000): Promise<void> {
  await target.waitForSelector(HOST, { state: 'attached', timeout });
  await target.waitForFunction(
    () => {
      const host = document.querySelector('framecoach-overlay');
      const frame = host?.shadowRoot?.querySelector('.fc-frame');
      // Styled: the overlay stays hidden until its style sheet is in (it comes from the background).
      return !!host?.shadowRoot?.querySelector('.fc-panel') && !!frame && getComputedStyle(frame).visibility !== 'hidden';
    },
    undefined,
    { timeout },
  );
}

export async function hostData(target: Target): Promise<Record<string, string>> {
  return target.evaluate(() => {
    const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
    return host ? { ...host.dataset } as Record<string, string> : {};
  });
}

/** Waits until no step is pending or running (the frame asked for is on screen). */
export async function waitIdle(target: Target, timeout = 10_000): Promise<void> {
  await target.waitForFunction(
    () => (document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.busy === 'false',
    undefined,
    { timeout, polling: 5 },
  );
}

/** The overlay's picture rectangle (viewport px) as the page lays it out. */
export async function overlayRect(target: Target): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return target.evaluate(() => {
    const frame = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-frame');
    if (!frame || getComputedStyle(frame).display === 'none') return null;
    const r = frame.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

/** Text of the HUD's message box, or '' when none is shown. */
export async function hudMessage(target: Target): Promise<string> {
  return target.evaluate(
    () => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-message')?.textContent ?? '',
  );
}

/** Waits until the video can show a frame. */
export async function waitForVideoReady(target: Target, selector = 'video'): Promise<void> {
  await target.waitForFunction(
    (sel) => {
      const v = document.querySelector(sel) as HTMLVideoElement | null;
      return !!v && v.readyState >= 2;
    },
    selector,
    { timeout: 15_000 },
  );
}

/**
 * Plays the video for a moment (`seconds` of it) with `k` and pauses it with `k`, as a coach would, so
 * FrameCoach has measured the frame rate from playback before the first step.
 */
export async function measureRate(page: Page, target: Target = page, selector = 'video', seconds = 0.4): Promise<void> {
  const video = (await target.waitForSelector(selector, { state: 'attached' })) as ElementHandle<HTMLVideoElement>;
  const start = await video.evaluate((v) => v.currentTime);
  if (await video.evaluate((v) => v.paused)) await page.keyboard.press('k');
  await until(() => video.evaluate((v, [t, s]) => !v.paused && v.currentTime > t! + s!, [start, seconds]));
  await page.keyboard.press('k');
  await until(() => video.evaluate((v) => v.paused));
  await page.waitForTimeout(150); // frames already on their way to the screen arrive
  await video.dispose();
}

/** Polls `check` (an evaluate on a handle, the same in both browsers) until it holds. */
async function until(check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
