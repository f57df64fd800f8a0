/**
 * The HUD never lies about the frame: after pausing playback at random moments the frame
 * number it shows is the frame on screen (its barcode); after a reload, before any playback,
 * the HUD and the comment list show frame numbers (the rate measured on the earlier visit is
 * kept on the video's record).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prng } from '../shared/prng';
import { clipByFile, frameMiddle, frameStart, readBarcode, type ClipInfo } from './barcode';
import { addCommentHere, ready, showPanel, stepTo, waitForListed } from './comments-helpers';
import { fixtureUrl, type FixtureServer } from './harness';
import { hostData, measureRate, waitIdle } from './overlay';
import { ui } from './packet-helpers';
import { useBrowser } from './session';

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

/**
 * Waits until the video is playing (or paused); a timeout says what the video and the HUD
 * showed (a press of `k` that did nothing must be explained, not just timed out).
 */
async function waitPaused(page: Page, paused: boolean): Promise<void> {
  try {
    await page.waitForFunction((p) => (document.querySelector('video') as HTMLVideoElement).paused === p, paused, { timeout: 15_000 });
  } catch (error) {
    const state = await page.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement;
      const hud = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-hud')?.textContent;
      return `paused=${v.paused} ended=${v.ended} seeking=${v.seeking} t=${v.currentTime} of ${v.duration} readyState=${v.readyState} HUD: ${hud}`;
    });
    throw new Error(`video not ${paused ? 'paused' : 'playing'}: ${state}`, { cause: error });
  }
}

async function open(clip: ClipInfo, name: string): Promise<Page> {
  const page = await newPage();
  await page.goto(fixtureUrl(server, 'plain.html', { clip: clip.file, case: name }));
  await ready(page);
  return page;
}

/** The frame number the HUD shows ("F 123" → 123), or null ("F —"). */
async function hudFrame(page: Page): Promise<number | null> {
  const text = (await ui(page, '.fc-frameno').textContent()) ?? '';
  const m = /(\d+)\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** What a miss became a second later (a HUD that catches up, or one that stays wrong), and the video's state. */
async function later(page: Page): Promise<string> {
  await page.waitForTimeout(1000);
  const state = await page.evaluate(() => {
    const v = document.querySelector('video') as HTMLVideoElement;
    return `t=${v.currentTime} paused=${v.paused} ended=${v.ended}`;
  });
  const { fps, busy, time, pausedFrame, lastFrame, frames, trail } = await hostData(page);
  return `1 s later HUD F${await hudFrame(page)}, screen ${await readBarcode(page)} (${state} fps=${fps} busy=${busy} time=${time} pausedFrame=${pausedFrame} lastFrame=${lastFrame} frames=${frames}; trail ${trail})`;
}

describe.each(['vp9-25.webm', 'vp9-59.94.webm', 'h264-60.mp4', 'h264-120.mp4', 'h264-240.mp4', 'h264-60-drops.mp4', 'h264-phone-30.mp4', 'vp9-30-offset.webm'].map((f) => [f, clipByFile(f)] as const))('the HUD on %s', (_name, clip) => {
  it('shows the frame on screen after pausing playback, at 20 moments', async () => {
    const page = await open(clip, 'hud-pause');
    await measureRate(page);
    const random = prng(clip.frames);
    const misses: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('k');
      await waitPaused(page, false);
      await page.waitForTimeout(40 + Math.floor(random() * 260));
      await page.keyboard.press('k');
      await waitPaused(page, true);
      // What a person sees once the picture has stopped: frames in flight have landed.
      await page.waitForTimeout(250);
      await waitIdle(page); // the HUD's busy mark: FrameCoach is still confirming the frame
      const [shown, hud] = [await readBarcode(page), await hudFrame(page)];
      if (shown !== hud) misses.push(`pause ${i}: HUD F${hud}, screen ${shown}; ${await later(page)}`);
      // Near the end: back to the start for the next moments. (A play that reaches the end is
      // not a pause: `k` then starts over, and the end has its own test below.) The next play
      // lasts up to 300 ms, and on a busy machine the second `k` comes late: 0.8 s of room.
      await page.evaluate(() => {
        const v = document.querySelector('video') as HTMLVideoElement;
        if (v.duration - v.currentTime < 0.8) v.currentTime = 0.2;
      });
    }
    expect(misses, misses.join('; ')).toEqual([]);
  });

  it('keeps the rate and the frame through short plays to the end', async () => {
    const page = await open(clip, 'hud-end');
    await measureRate(page);
    const misses: string[] = [];
    // Near the end the decoder has nothing left to decode: its frame count stands still while
    // playback goes on, which once read as half the rate.
    for (const before of [0.35, 0.3, 0.25, 0.2]) {
      await page.evaluate((b) => {
        const v = document.querySelector('video') as HTMLVideoElement;
        v.currentTime = v.duration - b;
      }, before);
      await page.waitForTimeout(200);
      await page.keyboard.press('k');
      await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).ended);
      await page.waitForTimeout(250);
      await waitIdle(page);
      const [shown, hud, fps] = [await readBarcode(page), await hudFrame(page), Number((await hostData(page)).fps)];
      if (shown !== hud || Math.abs(fps - clip.fps!) > 1e-6) misses.push(`${before} s before the end: HUD F${hud} at ${fps} fps, screen ${shown}`);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  });
});

// A coach hammering `k`: a play that comes while the check after a pause is under way, and
// the pause after it, which finds that check still running. The pause is checked too.
describe('k pressed again and again', () => {
  it('the HUD shows the frame on screen after each burst (12 bursts, 240 fps)', async () => {
    const clip = clipByFile('h264-240.mp4');
    const page = await open(clip, 'hud-burst');
    await measureRate(page);
    const random = prng(7);
    const misses: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => void ((document.querySelector('video') as HTMLVideoElement).currentTime = 0.1));
      await page.waitForTimeout(100);
      await page.keyboard.press('k');
      await page.waitForTimeout(250 + random() * 200);
      await page.keyboard.press('k');
      await page.waitForTimeout(random() * 150);
      await page.keyboard.press('k');
      await page.waitForTimeout(10 + random() * 60);
      await page.keyboard.press('k');
      await waitPaused(page, true);
      await page.waitForTimeout(250);
      await waitIdle(page);
      const [shown, hud] = [await readBarcode(page), await hudFrame(page)];
      if (shown !== hud) misses.push(`burst ${i}: HUD F${hud}, screen ${shown}; ${await later(page)}`);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 60_000);
});

// A page that seeks and plays at once (its own "play from here"): Firefox announces the seek's
// frame at the seek's target while already playing. Taken for a frame's start, that time was on
// no frame table: the table and the rate were set aside, and after the pause the HUD stayed on
// the frame last announced (HUD 130, screen 136; 5 of 10 in Firefox).
describe('a seek and a play at once by the page', () => {
  it('the HUD shows the frame on screen after the pause that follows (16 times, 240 fps)', async () => {
    const clip = clipByFile('h264-240.mp4');
    const page = await open(clip, 'hud-seek-play');
    await expect.poll(async () => (await hostData(page)).table, { timeout: 10_000 }).toBe(String(clip.frames));
    const misses: string[] = [];
    for (let i = 0; i < 16; i++) {
      await page.evaluate(
        async ([t, delay]) => {
          const v = document.querySelector('video') as HTMLVideoElement;
          v.currentTime = t;
          await new Promise((done) => setTimeout(done, delay));
          void v.play();
        },
        [frameMiddle(clip, 60 + 7 * i), (i % 4) * 10] as const,
      );
      await page.waitForTimeout(120 + 20 * i);
      await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
      await page.waitForTimeout(300);
      await waitIdle(page);
      const [shown, hud] = [await readBarcode(page), await hudFrame(page)];
      if (shown !== hud) misses.push(`play ${i}: HUD F${hud}, screen ${shown}; ${await later(page)}`);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 90_000);
});

// Firefox announces a seek's frame at the seek's target, and can do so after `seeked`, when the
// page has already sought again: that old target was taken for a frame's start (off the table
// and the rate's grid), and from then on the frame on screen was worked out no more (time
// 1.016667 on frame 30 of a 30 fps clip, and a line drawn there was not shown).
describe('a page that seeks again from its seeked listener', () => {
  it('the HUD keeps frame starts: after each pair of seeks it shows the frame on screen at its start (12 pairs)', async () => {
    const clip = clipByFile('vp9-30.webm');
    const page = await open(clip, 'hud-seek-seek');
    await measureRate(page);
    const misses: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [first, second] = [10 + 3 * i, 60 - 2 * i];
      // Until the page's second seek is over (Firefox beside another copy took 0.69 s for it,
      // and the screen was still between frames when read), then a moment for the HUD.
      await page.evaluate(
        ([a, b]) => {
          const v = document.querySelector('video') as HTMLVideoElement;
          const done = new Promise<void>((resolve) =>
            v.addEventListener(
              'seeked',
              () => {
                v.addEventListener('seeked', () => resolve(), { once: true });
                v.currentTime = b;
              },
              { once: true },
            ),
          );
          v.currentTime = a;
          return Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        },
        [frameMiddle(clip, first), frameMiddle(clip, second)] as const,
      );
      await page.waitForTimeout(400);
      await waitIdle(page);
      const [shown, hud, time] = [await readBarcode(page), await hudFrame(page), Number((await hostData(page)).time)];
      if (shown !== second || hud !== second || Math.abs(time - frameStart(clip, second)) > 0.001) misses.push(`pair ${i}: screen ${shown}, HUD F${hud} at ${time}; ${await later(page)}`);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 60_000);
});

describe('after a reload, before any playback', () => {
  it('the HUD and the comment list show frame numbers (the rate measured before is kept)', async () => {
    const clip = clipByFile('vp9-25.webm');
    const page = await open(clip, 'hud-reload');
    await measureRate(page);
    await stepTo(page, clip, 33);
    await addCommentHere(page, 'Hip drops here');
    await page.reload();
    await ready(page);
    // No playback, no step: the HUD already counts frames.
    await expect.poll(() => hudFrame(page), { timeout: 5_000 }).not.toBeNull();
    expect(await ui(page, '.fc-hud .fc-badge').first().textContent()).toBe('25 fps');
    expect(await hudFrame(page)).toBe(await readBarcode(page));
    await showPanel(page);
    await waitForListed(page, 'Hip drops here');
    expect(await ui(page, 'li.fc-comment .fc-comment-place').first().textContent()).toBe('F33 · 00:01:08');
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).played.length)).toBe(0);
  });
});

// After a pause FrameCoach checks the frame on screen (seeking to it when rVFC missed it).
// A seek the page makes meanwhile (a coach clicking the player's own seek bar right after
// pausing) must win: the old check seeked back to where playback stopped in 5 of 12 tries.
describe('a seek by the page right after a pause', () => {
  it('wins over the after-pause check (12 pauses)', async () => {
    const clip = clipByFile('h264-29.97.mp4');
    const page = await open(clip, 'seek-after-pause');
    const misses: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('k');
      await page.waitForFunction(() => {
        const v = document.querySelector('video')!;
        return !v.paused && v.currentTime > 0.5;
      });
      await page.waitForTimeout(200 + i * 20);
      await page.keyboard.press('k');
      await page.evaluate((t) => void (document.querySelector('video')!.currentTime = t), frameMiddle(clip, 10));
      await page.waitForTimeout(900);
      await waitIdle(page);
      const shown = await readBarcode(page);
      if (shown !== 10 || (await hudFrame(page)) !== 10) misses.push(`pause ${i}: screen ${shown}, HUD ${await hudFrame(page)}`);
      await page.evaluate(() => void (document.querySelector('video')!.currentTime = 0));
      await waitIdle(page);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 90_000);

  // A page that seeks from its own `seeked` listener: its seek is set as the check's seek lands,
  // before the page's `seeking` event is fired. The check's next seek used to undo it (seen in
  // Firefox: the page went to frame 20, the check put 14 back; 1 pause in about 40).
  it('wins when the page seeks from its seeked listener, as the check lands (10 pauses)', async () => {
    const clip = clipByFile('vp9-30.webm');
    const page = await open(clip, 'seek-in-seeked');
    await page.evaluate((target) => {
      const v = document.querySelector('video')!;
      let armed = false;
      v.addEventListener('pause', () => void (armed = true));
      v.addEventListener('seeked', () => {
        if (!armed) return;
        armed = false;
        v.currentTime = target;
      });
    }, frameMiddle(clip, 20));
    const misses: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('k');
      await waitPaused(page, false);
      await page.waitForTimeout(400 + i * 37);
      await page.keyboard.press('k');
      await waitPaused(page, true);
      await page.waitForTimeout(600);
      await waitIdle(page);
      const shown = await readBarcode(page);
      if (shown !== 20 || (await hudFrame(page)) !== 20) misses.push(`pause ${i}: screen ${shown}, HUD ${await hudFrame(page)}`);
      await page.evaluate(() => void (document.querySelector('video')!.currentTime = 0));
      await page.waitForTimeout(100);
      await waitIdle(page);
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 90_000);

  // A `.` pressed right after the page's own seek (its seek bar) starts from where the seek
  // went. Before: the step started from the frame announced before the seek (frame 0 on a
  // fresh page: `.` after a seek to 30 showed frame 1), whether the rate was known or not.
  // The third: a copy beside another, the rate measured by a short play: the decoder, starved as
  // playback started, caught up at once (its count read 50 a second on 29.97) and the rate was
  // taken as 59.94, each `.` half a frame (HUD 62 on frame 31). The test build's mark has the
  // count jump 10 frames ahead within the play: it now sets no rate, and the `.` measures.
  //
  // And a display so starved it showed every sixth frame (0.2 s apart: on 25's grid too): the
  // measuring play set 25 and kept it on the video (HUD 26 on frame 31, in a copy beside another).
  // The test build's mark has the meter see only every sixth frame of that play.
  it.each([
    ['never played, the rate unknown (no frame table)', false, ''],
    ['the rate measured first', true, ''],
    ['the rate measured first, the decoder catching up at once', true, 'data-fc-test-count-burst'],
    ['the rate measured first, on a display showing every sixth frame', true, 'data-fc-test-sparse-frames'],
  ])('`.` right after a seek by the page steps from where it went: %s (6 pages)', async (_name, measured, mark) => {
    const clip = clipByFile('h264-29.97.mp4');
    const misses: string[] = [];
    for (let i = 0; i < 6; i++) {
      const page = await newPage();
      // Each case its own videos: a rate measured in another case is not kept on them.
      await page.goto(fixtureUrl(server, 'plain.html', { clip: clip.file, ranges: 'open', case: `seek-then-step-${mark || measured}-${i}` }));
      await ready(page);
      if (mark) await page.evaluate((name) => document.documentElement.setAttribute(name, ''), mark);
      // (Over 1.5 s the starved display shows enough frames for a rate to be measured on them.)
      if (measured) await measureRate(page, page, 'video', mark === 'data-fc-test-sparse-frames' ? 1.5 : 0.4);
      // The `.` plays as the display shows it: the decoder's burst stays, the starved display ends.
      if (mark === 'data-fc-test-sparse-frames') await page.evaluate((name) => document.documentElement.removeAttribute(name), mark);
      await waitIdle(page);
      await page.evaluate((t) => void (document.querySelector('video')!.currentTime = t), frameMiddle(clip, 30));
      await page.keyboard.press('.');
      await page.waitForTimeout(300);
      await waitIdle(page, 15_000);
      const shown = await readBarcode(page);
      if (shown !== 31 || (await hudFrame(page)) !== 31) misses.push(`page ${i}: screen ${shown}, HUD ${await hudFrame(page)}; ${JSON.stringify(await hostData(page), ['message', 'fps', 'dropped', 'variable', 'trail'])}`);
      await page.close();
    }
    expect(misses, misses.join('; ')).toEqual([]);
  }, 120_000);
});
