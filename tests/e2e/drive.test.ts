/**
 * FrameCoach on "Google Drive", offline: the browser opens https://drive.google.com/file/d/ID/view
 * and drive.google.com and youtube.googleapis.com (Drive's player frame) go to the fixture
 * server on 127.0.0.1 (HTTPS with the committed test certificate; Chromium's host-resolver
 * rules, Firefox's loopback proxy); every other name resolves to nothing. In both browsers the
 * video gets the same Drive id from its player frame.
 *
 * The look-alike (tests/fixtures/drive/) keeps what matters of Drive: the video plays in a
 * cross-origin frame under the file page, the focus stays on the file page, and the page has
 * its own key handlers, which count every key that reaches them. A coach opens the file and
 * types: no click into the player first.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIPS, frameMiddle, frameStart, readBarcode, seekAndRead } from './barcode';
import { REPO_ROOT, startServer, testTls, type FixtureServer, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';
import { listed, panelOpen } from './comments-helpers';
import { hostData, hudMessage, overlayRect, waitForOverlay, waitForVideoReady, waitIdle } from './overlay';
import { palette } from './palette-helpers';
import { pressUntilTaken } from './relay-helpers';

const FILE_ID = '1FcDriveStrideClip0a';
const FILE_URL = `https://drive.google.com/file/d/${FILE_ID}/view`;
const CLIP = CLIPS.find((c) => c.file === 'h264-29.97.mp4')!;
const SHOTS = join(REPO_ROOT, 'test-results');

let server: FixtureServer;
let browser: LaunchedBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startServer({
    tls: testTls(),
    rewrite: {
      [`/file/d/${FILE_ID}/view`]: { path: '/drive/file.html' },
      [`/file/d/${FILE_ID}/preview`]: { path: '/drive/file.html' },
      '/embed/': { path: '/drive/player.html' },
    },
  });
  browser = await launchTestBrowser({ hosts: { 'drive.google.com': server.port, 'youtube.googleapis.com': server.port } });
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The player frame of a Drive file page (once it has loaded). */
async function playerFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect.poll(() => (frame = page.frames().find((f) => f.url().startsWith('https://youtube.googleapis.com/embed/'))), { timeout: 10_000 }).toBeTruthy();
  return frame!;
}

/** Opens the file page and waits for FrameCoach in its player frame, on the Drive id. */
async function openFile(page?: Page, url = FILE_URL): Promise<{ page: Page; player: Frame }> {
  if (!page) {
    page = await browser.newPage();
    pages.push(page);
    await page.goto(`${url}?clip=${CLIP.file}`);
  }
  const player = await playerFrame(page);
  await waitForOverlay(player);
  await waitForVideoReady(player);
  await expect.poll(async () => (await hostData(player)).videoId, { timeout: 10_000 }).toBe(`drive:${FILE_ID}`);
  return { page, player };
}

/** Keys that reached the Drive page's own handlers (modifier keys pressed alone do reach it), and the player page's. */
const siteKeys = async (page: Page): Promise<string[]> =>
  (await page.evaluate(() => (window as unknown as { siteKeyLog: string[] }).siteKeyLog)).filter((k) => !/:(Shift|Control|Alt|Meta)$/.test(k));
const playerKeys = (player: Frame): Promise<string[]> => player.evaluate(() => (window as unknown as { playerKeyLog: string[] }).playerKeyLog);
/** What a failed read of the comment box is told with: where the keys went, the focus, an open palette. */
const afterwards = async (page: Page, player: Frame): Promise<string> =>
  [
    `keys that reached Drive: ${(await siteKeys(page)).join(' ')}`,
    `its player page: ${(await playerKeys(player)).join(' ')}`,
    `focus on the file page: ${await focusOnPage(page)}`,
    `palette over the video: ${JSON.stringify(await palette(player).then(({ open, rows }) => ({ open, rows: rows.slice(0, 3) })))}`,
  ].join('; ');
/** What the player frame's FrameCoach knows and says, for a failed step's message. */
const playerState = async (player: Frame): Promise<string> => {
  const { fps, table, busy } = await hostData(player);
  return `keys in the player page: ${(await playerKeys(player)).join(' ')}; its fps ${fps}, table ${table}, busy ${busy}; its message: "${await hudMessage(player)}"`;
};
/** Where the keyboard focus is: the file page itself, or inside the player frame. */
const focusOnPage = (page: Page): Promise<boolean> => page.evaluate(() => document.hasFocus() && document.activeElement?.tagName !== 'IFRAME');

/**
 * Presses `key` on the file page until FrameCoach took it (`took`): pressed again while it goes
 * to Drive (see pressUntilTaken). Returns the keys Drive had seen before the press that was taken.
 */
function pressOnPage(page: Page, key: string, took: () => Promise<boolean>): Promise<number> {
  return pressUntilTaken(page, key, took, async () => (await siteKeys(page)).length, async () => {
    const where = await page.evaluate(() => ({ focused: document.hasFocus(), active: document.activeElement?.tagName, visibility: document.visibilityState }));
    return `keys that reached Drive: ${(await siteKeys(page)).join(' ')}; file page ${JSON.stringify(where)}; ${await playerState(await playerFrame(page))}`;
  });
}

/** Presses `key` on the file page and waits until the player frame shows frame `want` (barcode and HUD). */
async function stepOnPage(page: Page, player: Frame, key: string, want: number): Promise<void> {
  await page.keyboard.press(key);
  await expect.poll(() => readBarcode(player), { timeout: 5000, interval: 20 }).toBe(want).catch(async (e: Error) => {
    throw new Error(`${e.message}\n${key}: ${await afterwards(page, player)}; ${await playerState(player)}`);
  });
  await settled(player, want);
}

/** The player frame has settled on frame `want`: no step pending, its time the frame's start. */
async function settled(player: Frame, want: number): Promise<void> {
  await waitIdle(player);
  expect(Number((await hostData(player)).time)).toBeCloseTo(frameStart(CLIP, want), 3);
}

/**
 * The file page with the player's video at frame `index + 1`, stepped there by `.` on the page
 * (so the file page has heard of the player's video).
 */
async function fileAtFrame(index: number, url = FILE_URL): Promise<{ page: Page; player: Frame }> {
  const { page, player } = await openFile(undefined, url);
  expect((await seekAndRead(player, frameMiddle(CLIP, index))).index).toBe(index);
  await waitIdle(player);
  // Pressed again if the first went to Drive: the file page had not heard of the player's
  // video yet (a message through the background; a copy of the suite beside another saw frame
  // 30 stay for 5 s).
  if (await pressOnPage(page, '.', async () => (await readBarcode(player)) === index + 1)) {
    // What Drive saw before the file page had heard is not what the test looks at.
    await page.evaluate(() => void ((window as unknown as { siteKeyLog: string[] }).siteKeyLog.length = 0));
  }
  await settled(player, index + 1);
  return { page, player };
}

describe('Google Drive (look-alike on loopback, https://drive.google.com)', () => {
  it('keys typed on the file page step the video in the player frame exactly; the page never sees them', async () => {
    // At frame 21, stepped there by `.` on the page, pressed again if the file page had not
    // heard of the player's video yet (a copy beside another: the first key went to Drive).
    const { page, player } = await fileAtFrame(20);
    expect(await focusOnPage(page), 'the focus is on the file page').toBe(true);

    for (let k = 22; k <= 30; k++) await stepOnPage(page, player, '.', k);
    for (let k = 29; k >= 25; k--) await stepOnPage(page, player, ',', k);

    expect(await focusOnPage(page), 'stepping leaves the focus where it was').toBe(true);
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
    expect(await playerKeys(player), 'key events in the player page').toEqual([]);
    // A key FrameCoach has no command for still reaches the page.
    await page.keyboard.press('q');
    expect(await siteKeys(page)).toEqual(['keydown:q', 'keypress:q', 'keyup:q']);
    // Keys the page makes up itself are not handed to the player (a page must not drive
    // FrameCoach in a frame of another site): the frame stays, the page gets its own event.
    await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '.', code: 'Period', bubbles: true })));
    await page.waitForTimeout(300);
    expect(await readBarcode(player)).toBe(25);
    expect((await siteKeys(page)).at(-1)).toBe('keydown:.');
  });

  it('Shift+F on the file page fills the screen with the player, the overlay on its picture; Shift+F again leaves', async () => {
    const { page, player } = await openFile();
    // The file page puts the player's frame in fullscreen (the key's user activation is there).
    // Round 19 saw this time out once beside another suite: pressed before the file page had heard of the player's video?
    const fullscreen = () => page.evaluate(() => document.fullscreenElement?.id === 'drive-player');
    const seen = await pressOnPage(page, 'Shift+F', fullscreen);
    // The screen: the window in headless Chromium, the (larger) display in headless Firefox.
    const screenSize = () => page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    const sameSize = (a: { width: number; height: number }, b: { width: number; height: number }) => a.width === b.width && a.height === b.height;
    await expect.poll(async () => sameSize(await player.evaluate(() => ({ width: innerWidth, height: innerHeight })), await screenSize()), { timeout: 5000 }).toBe(true);
    const screen = await screenSize();
    // The overlay follows the picture: 16:9, as large as the screen holds, in its middle.
    const scale = Math.min(screen.width / 16, screen.height / 9);
    const picture = { x: (screen.width - 16 * scale) / 2, y: (screen.height - 9 * scale) / 2, width: 16 * scale, height: 9 * scale };
    const onPicture = (r: Awaited<ReturnType<typeof overlayRect>>) => !!r && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(r[k] - picture[k]) <= 1);
    await expect.poll(async () => onPicture(await overlayRect(player)), { timeout: 5000 }).toBe(true);
    // Keys still step it.
    expect((await seekAndRead(player, frameMiddle(CLIP, 12))).index).toBe(12);
    await waitIdle(player);
    await stepOnPage(page, player, '.', 13);
    await page.keyboard.press('Shift+F');
    await page.waitForFunction(() => document.fullscreenElement === null, undefined, { timeout: 5000 });
    await expect.poll(async () => (await overlayRect(player))?.width, { timeout: 5000 }).toBe(800);
    expect((await siteKeys(page)).slice(seen), "keys that reached Drive's own handlers once it was taken").toEqual([]);
  });

  it('`c` on the file page opens the comment box in the player frame; the comment is kept under the Drive id', async () => {
    const { page, player } = await fileAtFrame(40);

    // Typed at once after `c`, as a coach does: no wait for the box.
    await page.keyboard.press('c');
    await page.keyboard.type('land under the hip');
    const typed = () => player.evaluate(() => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.value ?? null);
    await expect.poll(typed, { timeout: 5000 }).toBe('land under the hip').catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await afterwards(page, player)}`);
    });
    await page.screenshot({ path: join(SHOTS, 'drive-comment.png') });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await hostData(player)).comments, { timeout: 5000 }).toBe('1');
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);

    // After a reload the comment is there, on the Drive id, at the frame it was pinned to.
    await page.reload();
    const again = await openFile(page);
    await expect.poll(async () => (await hostData(again.player)).comments, { timeout: 10_000 }).toBe('1');
    // Shift+C on the file page opens the panel over there.
    await pressOnPage(page, 'Shift+C', () => panelOpen(again.player));
    await expect.poll(() => listed(again.player), { timeout: 5000 }).toEqual([
      expect.objectContaining({ text: 'land under the hip', place: expect.stringContaining('41') }),
    ]);
  });

  it('a comment typed on the file page while its box is slow to load (a busy machine) loses no letter and keeps their order', async () => {
    // At frame 1, stepped there by `.` on the page: the file page has heard of the player's video.
    // (Pressed once right after the overlay showed, on a busy machine the key went to Drive.)
    const { page, player } = await fileAtFrame(0);
    const before = Number((await hostData(player)).comments);
    // The test build loads the comment box 1.5 s late here: the keys typed meanwhile, well past
    // the first second after `c`, go over from the file page.
    await player.evaluate(() => document.documentElement.setAttribute('data-fc-test-field-slow', ''));
    await page.keyboard.press('c');
    await page.keyboard.type('knee over the toes at landing', { delay: 80 });
    const typed = () => player.evaluate(() => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.value ?? null);
    await expect.poll(typed, { timeout: 8000, message: `the comment box (keys that reached Drive: ${(await siteKeys(page)).join(' ')}; its player page: ${(await playerKeys(player)).join(' ')})` }).toBe('knee over the toes at landing');
    await page.keyboard.press('Enter');
    await expect.poll(async () => Number((await hostData(player)).comments), { timeout: 5000 }).toBe(before + 1);
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
    expect(await player.evaluate(() => document.querySelector('video')!.paused), '`k` of knee did not start playback').toBe(true);
  });

  it('`p` on the file page opens the palette in the player frame; what is typed next finds a command, Enter runs it', async () => {
    const { page, player } = await fileAtFrame(30); // the file page has heard of the player's video
    // Typed at once after `p`: the first keys go over from the file page, the rest straight to
    // the palette's box once it has the focus.
    await page.keyboard.press('p');
    await page.keyboard.type('frame');
    // The whole word has reached the palette (keys handed over arrive a moment later): Next
    // frame heads the list. (Before, a late letter moved the highlight as an arrow would.)
    await expect.poll(async () => (await palette(player)).rows[0], { timeout: 5000 }).toBe('Next frame');
    const { rows } = await palette(player);
    // Arrows choose (down to Previous frame), then Enter runs the highlighted one. Each press is
    // seen to move the highlight before the next.
    for (let i = 0; i < rows.length && (await palette(player)).selected !== 'Previous frame'; i++) {
      const before = (await palette(player)).selected;
      await page.keyboard.press('ArrowDown');
      await expect.poll(async () => (await palette(player)).selected, { timeout: 5000 }).not.toBe(before);
    }
    expect((await palette(player)).selected).toBe('Previous frame');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(player)).open, { timeout: 5000 }).toBe(false);
    await waitIdle(player);
    expect(await readBarcode(player)).toBe(30);
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
  });

  // The focus moves to the box over there while keys typed before are still on their way
  // (through the background, slow on a busy machine: the test build hands each over 150 ms
  // late on a page marked so). What is typed after the move must come after them.
  it('keys handed over slowly while the focus moves to the comment box: the comment keeps the order typed, Enter saves all of it', async () => {
    const { page, player } = await fileAtFrame(40);
    const before = Number((await hostData(player)).comments);
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-relay-slow', ''));
    await page.keyboard.press('c');
    await page.keyboard.type('land under');
    // The box over there has the focus; "under" is still on its way. The rest, and Enter, are typed there.
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME', undefined, { timeout: 5000, polling: 5 });
    await page.keyboard.type(' the hip');
    await page.keyboard.press('Enter');
    await expect.poll(async () => Number((await hostData(player)).comments), { timeout: 8000 }).toBe(before + 1);
    // Saved whole, in order (the panel shows the comment just written).
    await expect.poll(async () => (await listed(player)).map((c) => c.text), { timeout: 5000 }).toContain('land under the hip');
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
  });

  // A copy of the suite beside another: all of it typed at once, handed over slowly, the `p`
  // went over as the palette's key, not as the comment's letter, and opened the palette.
  it("a comment typed at once and handed over slowly: its letters that are FrameCoach's keys (p, c) are its text, Enter saves all of it", async () => {
    const { page, player } = await fileAtFrame(20);
    const before = Number((await hostData(player)).comments);
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-relay-slow', ''));
    await page.keyboard.press('c');
    await page.keyboard.type('pop the hip, cue the knee');
    await page.keyboard.press('Enter');
    await expect.poll(async () => Number((await hostData(player)).comments), { timeout: 10_000 }).toBe(before + 1).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await afterwards(page, player)}`);
    });
    expect((await listed(player)).map((c) => c.text)).toContain('pop the hip, cue the knee');
    expect((await palette(player)).open, 'the palette, opened by a letter of the comment').toBe(false);
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
  });

  it('keys handed over slowly while the focus moves to the palette: the word, arrows and Enter choose as typed', async () => {
    const { page, player } = await fileAtFrame(30);
    // What "frame" lists (the commands run lately first), seen at the normal speed.
    const moves: Record<string, number> = { 'Next frame': 1, 'Previous frame': -1, 'Forward 10 frames': 10, 'Back 10 frames': -10 };
    await page.keyboard.press('p');
    await page.keyboard.type('frame');
    await expect.poll(async () => [(await palette(player)).rows.slice(0, 3)].every((top) => top.length === 3 && top.every((row) => row in moves)), { timeout: 5000 }).toBe(true);
    const third = (await palette(player)).rows[2]!;
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await palette(player)).open, { timeout: 5000 }).toBe(false);
    // Back to the file page (the palette's box had the focus), as a coach does with a click.
    await page.click('#title');
    expect(await focusOnPage(page)).toBe(true);
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-relay-slow', ''));
    // And the palette's box there takes the letters handed over late too (a busy machine: in a
    // copy of the suite beside another, the arrows and Enter ran on "fra", Back 10 frames ran).
    await player.evaluate(() => document.documentElement.setAttribute('data-fc-test-field-keys-late', ''));
    await page.keyboard.press('p');
    await page.keyboard.type('fram');
    // The palette's box has the focus; letters are still on their way. Then, as a coach who knows
    // the palette: the last letter, two rows down, Enter.
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME', undefined, { timeout: 5000, polling: 5 });
    for (const key of ['e', 'ArrowDown', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    await expect.poll(async () => (await palette(player)).open, { timeout: 8000 }).toBe(false);
    await waitIdle(player);
    expect(await readBarcode(player), `the third row, ${third}, ran`).toBe(31 + moves[third]!);
    expect(await siteKeys(page), "keys that reached Drive's own handlers").toEqual([]);
  });

  it('the /preview address of the same file: the same Drive id, and keys on the page step it (frame 50 to 51)', async () => {
    const { page } = await fileAtFrame(50, `https://drive.google.com/file/d/${FILE_ID}/preview`);
    expect(await siteKeys(page)).toEqual([]);
  });
});
