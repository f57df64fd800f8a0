/**
 * The feedback loop in real Chromium, with two browser profiles driven as people would: the
 * coach annotates and sends a packet (Shift+E); the athlete imports it in the library (the
 * file picker, and in a second profile by dropping the file), opens the video from the
 * inbox, sees every comment on its exact frame (barcode) and every drawing in its place
 * (pixels), can't change the coach's records (UI, and a crafted message to the background),
 * acknowledges two comments, replies to one and sends the reply back; the coach imports it
 * and sees the reply in its thread and the acknowledgements. Importing both again changes
 * nothing; a new revision brings an edit and a deletion.
 *
 * One browser runs at a time (the profiles are reopened), so timing stays honest on 2 cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipByFile, readBarcode } from './barcode';
import { addCommentHere, comment, ready, showPanel, stepTo, typeName, typeText, waitForCount, waitForEditor, waitForListed } from './comments-helpers';
import { canvasTexts, clickOnPicture, dragOnPicture, goToFrame, keepOnFailure, leaveTool, painted, pickTool, stepFrames, waitData, waitVisible, clear } from './drawing-helpers';
import { fixtureUrl, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { measureRate } from './overlay';
import { chooseFile, openVideoAt, withProfile, confirmImport, dropFile, openFromInbox, openLibrary, previewCount, sendPacket, shot, storedAnnotations, ui } from './packet-helpers';

const CLIP = clipByFile('vp9-25.webm');
const ANGLE = [{ x: 0.3, y: 0.3 }, { x: 0.42, y: 0.62 }, { x: 0.6, y: 0.55 }];
const LINE = { from: { x: 0.15, y: 0.8 }, to: { x: 0.75, y: 0.8 } };
const STOPWATCH_AT = { x: 0.7, y: 0.2 };
/** Frame → the comment pinned there. */
const COMMENTS = { land: 12, arms: 30, head: 50 } as const;

let server: FixtureServer;
const dirs = { coach: '', athlete: '', athlete2: '', files: '' };
const files: { review: string; reply: string; review2: string } = { review: '', reply: '', review2: '' };
let videoUrl: string;

beforeAll(async () => {
  server = await startServer();
  for (const key of Object.keys(dirs) as (keyof typeof dirs)[]) dirs[key] = mkdtempSync(join(tmpdir(), `framecoach-${key}-`));
  videoUrl = fixtureUrl(server, 'plain.html', { clip: CLIP.file, case: 'packets' });
});
afterAll(async () => {
  await server?.close();
  for (const dir of Object.values(dirs)) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

const as = <T>(profile: keyof typeof dirs, body: (b: LaunchedBrowser) => Promise<T>) => withProfile(dirs[profile], body);
const openVideo = (b: LaunchedBrowser) => openVideoAt(b, videoUrl);

/** Types the name for comments in the panel and waits until the background keeps it. */
async function rename(b: LaunchedBrowser, page: Page, name: string): Promise<void> {
  await typeName(page, name);
  await expect
    .poll(() =>
      b.background!.evaluate(async () => {
        const ext = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
        return ((await ext.storage.local.get('settings')).settings as { author?: { name?: string } } | undefined)?.author?.name ?? null;
      }),
    )
    .toBe(name);
}

/** Shift+C closes the comments panel when it is open. */
async function hidePanel(page: Page): Promise<void> {
  if (!(await ui(page, '.fc-comments').count())) return;
  await page.keyboard.press('Shift+C');
  await expect.poll(() => ui(page, '.fc-comments').count()).toBe(0);
}

/** The comment's id in the panel, by its text. */
async function idOf(page: Page, text: string): Promise<string> {
  await waitForListed(page, text);
  return page.evaluate((t) => {
    const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
    const li = [...root.querySelectorAll('li.fc-comment')].find((el) => el.querySelector(':scope > .fc-comment-main .fc-comment-text')?.getAttribute('data-text') === t);
    return (li as HTMLElement).dataset.commentId!;
  }, text);
}

/** Clicks a listed comment and waits until its frame is on screen. */
async function seekByComment(page: Page, text: string, frame: number): Promise<void> {
  await comment(page, await idOf(page, text)).locator('.fc-comment-main').click();
  await expect.poll(() => readBarcode(page), { timeout: 5_000, interval: 20 }).toBe(frame);
}

/** The coach's drawings are where the coach drew them, on their frames. */
async function checkDrawings(page: Page, where: string): Promise<void> {
  await goToFrame(page, CLIP, COMMENTS.land);
  await waitVisible(page, 2); // the angle, and the stopwatch (frames 10–15)
  for (const p of ANGLE) expect(await painted(page, p), `${where}: angle point ${JSON.stringify(p)}`).toBe(true);
  expect(await canvasTexts(page), where).toContain('200 ms · 5 frames');
  await goToFrame(page, CLIP, COMMENTS.arms);
  await waitVisible(page, 1);
  for (const p of [LINE.from, LINE.to, { x: 0.45, y: 0.8 }]) expect(await painted(page, p), `${where}: line point ${JSON.stringify(p)}`).toBe(true);
}

describe('a feedback packet from coach to athlete and back', () => {
  it('the coach annotates frames and ranges, replies, resolves, draws, and sends a packet with Shift+E', async () => {
    await as('coach', async (b) => {
      const page = await openVideo(b);
      await keepOnFailure(page, 'packets-coach', async () => {
        await rename(b, page, 'Coach Ana');
        await measureRate(page);
        await stepTo(page, CLIP, COMMENTS.land);
        await addCommentHere(page, 'Land under the hip');
        // A range comment over A–B (frames 30–40).
        await stepTo(page, CLIP, COMMENTS.arms);
        await page.keyboard.press('[');
        await stepFrames(page, 10, 40);
        await page.keyboard.press(']');
        await stepFrames(page, -10, COMMENTS.arms);
        await page.keyboard.press('Alt+c');
        await waitForEditor(page);
        await typeText(page, 'Arms relaxed, elbows back');
        await page.keyboard.press('Enter');
        await waitForCount(page, 2);
        await page.keyboard.press('\\');
        // A resolved comment.
        await stepTo(page, CLIP, COMMENTS.head);
        await addCommentHere(page, 'Head up');
        const head = comment(page, await idOf(page, 'Head up'));
        await head.getByRole('button', { name: 'Resolve' }).click();
        await expect.poll(() => head.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
        // A reply in the coach's own thread.
        await comment(page, await idOf(page, 'Land under the hip')).getByRole('button', { name: 'Reply', exact: true }).click();
        await waitForEditor(page);
        await typeText(page, 'and keep the shin vertical');
        await page.keyboard.press('Enter');
        await waitForCount(page, 4);

        // Drawings: an angle at frame 12, a line at 30, a stopwatch over frames 10–15 (the panel closed: it covers the right of the picture).
        await hidePanel(page);
        await goToFrame(page, CLIP, COMMENTS.land);
        await pickTool(page, 'Alt+g', 'angle');
        for (const p of ANGLE) await clickOnPicture(page, p);
        await waitData(page, 'drawings', '1');
        await goToFrame(page, CLIP, COMMENTS.arms);
        await pickTool(page, 'Alt+l', 'line');
        await dragOnPicture(page, LINE.from, LINE.to);
        await waitData(page, 'drawings', '2');
        await goToFrame(page, CLIP, 10);
        await pickTool(page, 'Alt+w', 'stopwatch');
        await clickOnPicture(page, STOPWATCH_AT);
        await stepFrames(page, 5, 15);
        await page.keyboard.press('Enter');
        await expect.poll(() => canvasTexts(page)).toContain('200 ms · 5 frames');
        await leaveTool(page);
        await waitData(page, 'drawings', '3');

        const sent = await sendPacket(page, dirs.files, { to: 'Sam', message: 'This week: land under the hip' });
        expect(sent.name).toMatch(/^[a-z0-9-]+-for-sam-\d{4}-\d{2}-\d{2}\.framecoach\.json$/);
        const packet = JSON.parse(sent.text) as { revision: number; sender: { name: string }; annotations: unknown[] };
        expect(packet).toMatchObject({ revision: 1, sender: { name: 'Coach Ana' } });
        expect(packet.annotations).toHaveLength(7);
        files.review = sent.path;
        await shot(page, 'shot-coach-send');
        // The share text for a chat message.
        expect(await ui(page, '.fc-send .fc-share').textContent()).toContain('This week: land under the hip');
      });
    });
  });

  it('the athlete imports it with the file picker, opens the video from the inbox, and sees every frame and drawing as the coach did', async () => {
    await as('athlete', async (b) => {
      const library = await openLibrary(b);
      await expect.poll(() => library.locator('.lib-empty').count()).toBeGreaterThan(0); // empty states first
      await shot(library, 'shot-library-empty');
      await chooseFile(library, files.review);
      await shot(library, 'shot-library-preview');
      expect(await library.getByTestId('import-preview').textContent()).toMatch(/Feedback from Coach Ana.*first packet from Coach Ana/s);
      expect(await previewCount(library, 'comments', 'new')).toBe('3');
      expect(await previewCount(library, 'replies', 'new')).toBe('1');
      expect(await previewCount(library, 'drawings', 'new')).toBe('3');
      await confirmImport(library);
      await library.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => library.locator('li.lib-packet[data-direction=received]').textContent()).toMatch(/Feedback from Coach Ana.*This week: land under the hip/s);

      const page = await openFromInbox(b, library, /Coach Ana/);
      await keepOnFailure(page, 'packets-athlete', async () => {
        await waitForCount(page, 4);
        await rename(b, page, 'Sam');
        await waitForListed(page, 'Land under the hip');
        // The coach's layer is named, and new.
        expect(await ui(page, '.fc-layers').textContent()).toMatch(/Coach Ana/);
        expect(await ui(page, 'li.fc-comment .fc-new').count()).toBe(4); // three comments and the reply
        for (const [text, frame] of [['Land under the hip', 12], ['Arms relaxed, elbows back', 30], ['Head up', 50]] as const) {
          await seekByComment(page, text, frame);
        }
        await checkDrawings(page, 'athlete');

        // The coach's records can't be changed: no Edit or Delete, and the drawing stays put.
        const land = comment(page, await idOf(page, 'Land under the hip'));
        expect(await land.getByRole('button', { name: 'Edit' }).count()).toBe(0);
        expect(await land.getByRole('button', { name: 'Delete' }).count()).toBe(0);
        await hidePanel(page);
        await goToFrame(page, CLIP, COMMENTS.arms);
        await pickTool(page, 'Alt+s', 'select');
        await clickOnPicture(page, { x: 0.45, y: 0.8 });
        await page.keyboard.press('Delete');
        await expect.poll(() => ui(page, '.fc-draw-error').textContent()).toMatch(/Coach Ana/);
        await leaveTool(page);
        await waitVisible(page, 1);

        // A crafted message to the background is refused too.
        const worker = b.background!;
        const before = await storedAnnotations(worker);
        const target = before.find((r) => r.text === 'Land under the hip')!;
        const reply = await library.evaluate(
          // The promise-based API of the page: `browser` in Firefox (whose `chrome` takes callbacks), `chrome` in Chromium.
          (record) => ((g) => g.browser ?? g.chrome)(globalThis as unknown as Record<'browser' | 'chrome', { runtime: { sendMessage(m: unknown): Promise<unknown> } } | undefined>)!.runtime.sendMessage({ framecoach: 1, type: 'annotation.save', args: { annotation: { ...record, text: 'hacked', version: record.version + 1, updatedAt: Date.now() } } }),
          target,
        );
        expect(reply).toMatchObject({ ok: false, code: 'readonly' });
        expect(await storedAnnotations(worker)).toEqual(before);

        // Got it on two comments, a reply on one, and the reply packet.
        await showPanel(page);
        for (const text of ['Land under the hip', 'Arms relaxed, elbows back']) {
          // Each shown before the next click: the line it adds moves the comments below it, and a
          // press that the line moved off its button (a busy machine) would be no click at all.
          const item = comment(page, await idOf(page, text));
          await item.getByRole('button', { name: 'Got it' }).click();
          await expect.poll(() => item.locator('.fc-ack').count()).toBe(1);
        }
        await expect.poll(() => ui(page, '.fc-ack').count()).toBe(2);
        await comment(page, await idOf(page, 'Arms relaxed, elbows back')).getByRole('button', { name: 'Reply', exact: true }).click();
        await waitForEditor(page);
        await typeText(page, 'Why elbows back?');
        await page.keyboard.press('Enter');
        await waitForCount(page, 5);
        await shot(page, 'shot-athlete-panel');
        const sent = await sendPacket(page, dirs.files, { message: 'Thanks!' });
        await shot(page, 'shot-athlete-send');
        expect(await ui(page, '.fc-send h2').textContent()).toMatch(/Reply to Coach Ana/);
        expect(sent.name).toMatch(/-reply-from-sam-/);
        const packet = JSON.parse(sent.text) as { kind: string; annotations: unknown[]; acknowledgements: unknown[]; recipient: string };
        expect(packet).toMatchObject({ kind: 'reply', recipient: 'Coach Ana' });
        expect(packet.annotations).toHaveLength(1);
        expect(packet.acknowledgements).toHaveLength(2);
        files.reply = sent.path;
      });
    });
  });

  it('on the same clip at another address, the overlay offers the packet; attached, its comments go to their frames', async () => {
    await as('athlete', async (b) => {
      const page = await b.newPage();
      await page.goto(fixtureUrl(server, 'plain.html', { clip: CLIP.file, case: 'club-site' }));
      await ready(page);
      await keepOnFailure(page, 'packets-attach', async () => {
        const offer = ui(page, '.fc-offer');
        await expect.poll(() => offer.textContent(), { timeout: 5_000 }).toMatch(/Coach Ana.*another address.*Is it this video\?/s);
        await offer.getByRole('button', { name: 'Show it on this video' }).click();
        await waitForCount(page, 5); // the coach's four, and the athlete's reply
        await expect.poll(() => offer.count()).toBe(0);
        await showPanel(page);
        await seekByComment(page, 'Head up', COMMENTS.head);
        await seekByComment(page, 'Land under the hip', COMMENTS.land);
        await checkDrawings(page, 'attached');
        // After a reload it is still there, and no longer offered.
        await page.reload();
        await ready(page);
        await waitForCount(page, 5);
        expect(await offer.count()).toBe(0);
      });
    });
  });

  it('a second athlete imports it by dropping the file on the library', async () => {
    await as('athlete2', async (b) => {
      const library = await openLibrary(b);
      await dropFile(library, files.review);
      expect(await previewCount(library, 'comments', 'new')).toBe('3');
      await confirmImport(library);
      const page = await b.nextPage(() => library.getByTestId('import-open').click());
      await ready(page);
      await waitForCount(page, 4);
      // Opened at the first comment's frame.
      await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(COMMENTS.land);
      await checkDrawings(page, 'athlete 2');

      // The popup (opened on that tab): its video and counts; Send opens the dialog over the video.
      // The tab's id, as the background knows it (which tab showed which video; tab URLs need a permission we don't ask for).
      const tabId = await b.background!.evaluate(async () => {
        const memory = await (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.session.get(null);
        return Number(Object.keys(memory).find((k) => k.startsWith('tab:'))?.slice(4));
      });
      const popup = await b.newPage();
      await popup.goto(`${b.origin}/popup.html?tab=${tabId}`);
      await expect.poll(() => popup.getByTestId('popup-here').textContent()).toMatch(/Fixture: plain video.*3 comments · 3 drawings · 2 open/s);
      await shot(popup, 'shot-popup');
      await popup.getByRole('button', { name: 'Send a packet…' }).click();
      await expect.poll(() => ui(page, '.fc-send h2').textContent()).toMatch(/Reply to Coach Ana/);
      await popup.close().catch(() => undefined);
    });
  });

  it('the coach imports the reply: the reply in its thread, the acknowledgements, marked new; importing again changes nothing', async () => {
    await as('coach', async (b) => {
      const library = await openLibrary(b);
      await chooseFile(library, files.reply);
      expect(await library.getByTestId('import-preview').textContent()).toMatch(/Reply from Sam/);
      expect(await previewCount(library, 'acknowledgements', 'new')).toBe('2');
      expect(await previewCount(library, 'replies', 'new')).toBe('1');
      await confirmImport(library);
      await library.getByRole('button', { name: 'Close' }).click();
      const page = await openFromInbox(b, library, /Reply from Sam/);
      await keepOnFailure(page, 'packets-coach-reply', async () => {
        await waitForCount(page, 5);
        await showPanel(page);
        const arms = comment(page, await idOf(page, 'Arms relaxed, elbows back'));
        await expect.poll(() => arms.locator('li.fc-reply:has(> .fc-comment-text[data-text="Why elbows back?"])').count()).toBe(1);
        expect(await arms.locator('li.fc-reply .fc-new').count()).toBe(1);
        expect(await arms.locator('.fc-ack .fc-ack-author').getAttribute('data-text')).toBe('Sam');
        expect(await comment(page, await idOf(page, 'Land under the hip')).locator('.fc-ack .fc-ack-author').getAttribute('data-text')).toBe('Sam');
        await shot(page, 'shot-coach-reply');
      });

      // Both packets again: the coach's database does not change. The coach is back on the
      // library's tab (Firefox runs a tab that is not in front slowly: 40 s for this, not 2).
      const worker = b.background!;
      const before = await storedAnnotations(worker);
      await library.bringToFront();
      for (const path of [files.reply, files.review]) {
        await chooseFile(library, path);
        await expect.poll(() => library.getByTestId('import-preview').textContent()).toMatch(/changes nothing/);
        await confirmImport(library);
        await library.getByRole('button', { name: 'Close' }).click();
      }
      expect(await storedAnnotations(worker)).toEqual(before);
      await shot(library, 'shot-library-coach');

      // A new revision: one comment edited, one drawing deleted.
      await keepOnFailure(page, 'packets-coach-revision', async () => {
        await page.bringToFront();
        const land = comment(page, await idOf(page, 'Land under the hip'));
        await land.locator(':scope > .fc-comment-actions').getByRole('button', { name: 'Edit' }).click();
        await waitForEditor(page);
        await page.keyboard.press('Control+a');
        await typeText(page, 'Land under the hip, not ahead of it');
        await page.keyboard.press('Enter');
        await waitForListed(page, 'Land under the hip, not ahead of it');
        await hidePanel(page);
        await goToFrame(page, CLIP, COMMENTS.arms);
        await pickTool(page, 'Alt+s', 'select');
        await clickOnPicture(page, { x: 0.45, y: 0.8 });
        await page.keyboard.press('Delete');
        await waitData(page, 'drawings', '2');
        await leaveTool(page);
        const sent = await sendPacket(page, dirs.files, { to: 'Sam' });
        expect(JSON.parse(sent.text)).toMatchObject({ revision: 2 });
        files.review2 = sent.path;
      });
    });
  });

  it('the athlete imports the new revision: the edit shows and the drawing is gone; the old revision again changes nothing', async () => {
    await as('athlete', async (b) => {
      const library = await openLibrary(b);
      await chooseFile(library, files.review2);
      expect(await library.getByTestId('import-preview').textContent()).toMatch(/same sender as earlier packets from Coach Ana/);
      expect(await previewCount(library, 'comments', 'updated')).toBe('1');
      expect(await previewCount(library, 'drawings', 'removed')).toBe('1');
      await confirmImport(library);
      await library.getByRole('button', { name: 'Close' }).click();

      const worker = b.background!;
      const before = await storedAnnotations(worker);
      await chooseFile(library, files.review);
      await confirmImport(library);
      expect(await storedAnnotations(worker)).toEqual(before);

      const page = await openFromInbox(b, library, /Coach Ana/);
      await keepOnFailure(page, 'packets-athlete-revision', async () => {
        await showPanel(page);
        await waitForListed(page, 'Land under the hip, not ahead of it');
        await goToFrame(page, CLIP, COMMENTS.arms);
        await waitVisible(page, 0);
        expect(await clear(page, { x: 0.45, y: 0.8 })).toBe(true);
        // The athlete's own acknowledgements and reply are still there.
        await showPanel(page);
        expect(await ui(page, '.fc-ack').count()).toBe(2);
        await waitForListed(page, 'Arms relaxed, elbows back');
        expect(await ui(page, 'li.fc-reply:has(> .fc-comment-text[data-text="Why elbows back?"])').count()).toBe(1);
      });
    });
  });
});
