/**
 * Keys typed on a page for a video in a frame below it (Drive's player frame, any embedded
 * player): the page hands them over once it has heard of the frame's video, a message through
 * the background (entrypoints/video.content/frame-relay.ts).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Presses `key` on `page` until FrameCoach took it (`took`). Until the page has heard of the
 * frame's video (slow on a busy machine: a copy of the suite beside another saw the first key
 * pressed after the overlay showed go to the page) the key reaches the page's own handlers as
 * if FrameCoach were not there (`seen` counts the keys they saw): then it is pressed again.
 * A key neither taken nor seen fails, with what `explain` says. Returns how many keys the
 * page had seen before the press that was taken.
 */
export async function pressUntilTaken(
  page: Page,
  key: string,
  took: () => Promise<boolean>,
  seen: () => Promise<number>,
  explain: () => Promise<string> = async () => '',
): Promise<number> {
  for (let tries = 0; ; tries++) {
    expect(tries, `${key} on the page was never taken (the page saw ${await seen()} keys; ${await explain()})`).toBeLessThan(4);
    const before = await seen();
    await page.keyboard.press(key);
    await expect
      .poll(async () => (await took()) || (await seen()) > before, { timeout: 5000 })
      .toBe(true)
      .catch(async () => {
        throw new Error(`${key}: neither taken by FrameCoach nor seen by the page (${await explain()})`);
      });
    if (await took()) return before;
    await page.waitForTimeout(250);
  }
}

/** Counts the keys that reach `page`'s own handlers from now on (`pageKeys` reads the count). */
export async function countPageKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { pageKeyCount: number };
    w.pageKeyCount = 0;
    document.addEventListener('keydown', () => w.pageKeyCount++);
  });
}

export const pageKeys = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { pageKeyCount: number }).pageKeyCount);
