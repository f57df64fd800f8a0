/**
 * Where the comment panel goes, and the comment commands it runs. By default it docks beside
 * the picture when the page has room, covering none of it (drawings included); the coach can
 * move it over either edge (a setting every tab follows, kept across a reload) or collapse it
 * to its title bar. Its buttons run the comment commands, which the palette offers too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile } from './barcode';
import { addCommentHere, listed, showPanel, waitForCount, waitForListed } from './comments-helpers';
import { dragOnPicture, goToFrame, openCase, painted, pictureRect, waitSelected, type Rect } from './drawing-helpers';
import type { FixtureServer } from './harness';
import { HOST } from './overlay';
import { find, openPalette, palette } from './palette-helpers';
import { useBrowser } from './session';

const CLIP = clipByFile('vp9-30.webm');

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

/** The panel's rectangle (viewport px), where it is docked, and whether its list is shown. */
function panel(page: Page) {
  return page.evaluate((host) => {
    const root = document.querySelector(host)!.shadowRoot!;
    const aside = root.querySelector('.fc-comments');
    const r = aside?.getBoundingClientRect();
    return {
      rect: r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null,
      dock: (root.querySelector('.fc-frame') as HTMLElement).dataset.dock ?? '',
      list: !!aside?.querySelector('.fc-comment-list, .fc-empty'),
    };
  }, HOST);
}

/** What a click at a picture point would hit: the panel, or the picture (the page's video or our canvas). */
function hitsPanel(page: Page, picture: Rect, p: { x: number; y: number }) {
  return page.evaluate(
    ([host, x, y]) => !!document.querySelector(host)!.shadowRoot!.elementFromPoint(x, y)?.closest('.fc-comments'),
    [HOST, picture.x + p.x * picture.width, picture.y + p.y * picture.height] as const,
  );
}

const overlaps = (a: Rect, b: Rect) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;

/** "Move the comment panel…" from the palette, then the place whose label `query` finds first. */
async function moveTo(page: Page, query: string, label: string): Promise<void> {
  await openPalette(page);
  await find(page, 'move comm', 'Move the comment panel…');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await palette(page)).rows).toContain(label);
  await find(page, query, label);
  await page.keyboard.press('Enter');
}

describe('the comment panel', () => {
  it('docks beside the picture when the page has room: none of the picture is covered, a drawing at its right edge shows', async () => {
    const page = await newPage();
    await openCase(page, server, CLIP, 'dock-beside');
    const picture = await pictureRect(page);
    await goToFrame(page, CLIP, 12);
    // A line near the right edge, where a panel over the picture used to sit.
    await page.keyboard.press('Alt+l');
    await dragOnPicture(page, { x: 0.8, y: 0.3 }, { x: 0.95, y: 0.7 });
    await waitSelected(page);
    await page.keyboard.press('Escape');
    await showPanel(page);
    const shown = await panel(page);
    expect(shown.dock).toBe('beside-right');
    expect(shown.rect!.x).toBeGreaterThanOrEqual(picture.x + picture.width);
    expect(overlaps(shown.rect!, picture)).toBe(false);
    expect(shown.rect!.x + shown.rect!.width).toBeLessThanOrEqual(1280);
    for (const p of [{ x: 0.9, y: 0.5 }, { x: 0.99, y: 0.1 }, { x: 0.5, y: 0.5 }]) expect(await hitsPanel(page, picture, p)).toBe(false);
    await expect.poll(() => painted(page, { x: 0.875, y: 0.5 })).toBe(true);
    // It works where it is: a comment written with it open is listed in it.
    await addCommentHere(page, 'hip drops on landing');
    await waitForListed(page, 'hip drops on landing');
  });

  it('with no room beside the picture (a narrow window) it goes over the right edge', async () => {
    const page = await newPage();
    await openCase(page, server, CLIP, 'dock-narrow', { width: 900, height: 700 });
    await showPanel(page);
    const picture = await pictureRect(page);
    const shown = await panel(page);
    expect(shown.dock).toBe('over-right');
    expect(shown.rect!.x + shown.rect!.width).toBeLessThanOrEqual(picture.x + picture.width + 0.5);
    expect(overlaps(shown.rect!, picture)).toBe(true);
  });

  it('moved over the left edge from the palette: every tab follows, and it stays there after a reload; collapsed to its title bar and back', async () => {
    const page = await newPage();
    await openCase(page, server, CLIP, 'dock-moved');
    const other = await newPage();
    await openCase(other, server, CLIP, 'dock-moved-other');
    await showPanel(other);
    await page.bringToFront();
    await showPanel(page);
    await moveTo(page, 'left', 'Over the picture, left');
    const picture = await pictureRect(page);
    await expect.poll(async () => (await panel(page)).dock).toBe('over-left');
    const left = (await panel(page)).rect!;
    expect(left.x).toBeGreaterThanOrEqual(picture.x);
    expect(left.x).toBeLessThan(picture.x + 20);
    await expect.poll(async () => (await panel(other)).dock).toBe('over-left');

    await page.reload();
    await page.waitForFunction((h) => !!(document.querySelector(h) as HTMLElement | null)?.dataset.videoId, HOST);
    await showPanel(page);
    expect((await panel(page)).dock).toBe('over-left');

    // Collapse: only the title bar is left; the list comes back on expand.
    const full = (await panel(page)).rect!;
    await page.getByRole('button', { name: 'Collapse the comment panel' }).click();
    await expect.poll(async () => (await panel(page)).list).toBe(false);
    const small = (await panel(page)).rect!;
    expect(small.height).toBeLessThan(full.height / 3);
    await page.getByRole('button', { name: 'Expand the comment panel' }).click();
    await expect.poll(async () => (await panel(page)).list).toBe(true);

    // Back beside the picture (the default), by the panel's own button.
    await page.getByRole('button', { name: 'Move the comment panel' }).click();
    await expect.poll(async () => (await palette(page)).rows).toContain('Beside the picture');
    // Where it is now is marked.
    const asked = await palette(page);
    expect(asked.details[asked.rows.indexOf('Over the picture, left')]).toBe('now');
    expect(asked.details[asked.rows.indexOf('Beside the picture')]).not.toMatch(/now/);
    await page.keyboard.type('beside');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await panel(page)).dock).toBe('beside-right');
  });

  it("the panel's buttons and the palette run the same comment commands (delete by the palette, Undo brings it back)", async () => {
    const page = await newPage();
    await openCase(page, server, CLIP, 'comment-commands');
    await goToFrame(page, CLIP, 20);
    await addCommentHere(page, 'arms cross the body');
    await goToFrame(page, CLIP, 40);
    await addCommentHere(page, 'good knee drive');
    await showPanel(page);
    await waitForCount(page, 2);

    await openPalette(page);
    await find(page, 'delete a comm', 'Delete a comment…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(page)).rows).toEqual(['arms cross the body', 'good knee drive']);
    await page.keyboard.type('knee');
    await expect.poll(async () => (await palette(page)).rows).toEqual(['good knee drive']);
    await page.keyboard.press('Enter');
    await waitForCount(page, 1);
    expect((await listed(page)).map((c) => c.text)).toEqual(['arms cross the body']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitForCount(page, 2);

    // The panel's Resolve button runs comment.resolve with its comment's id.
    const item = page.locator(`${HOST} li.fc-comment:has(> .fc-comment-main .fc-comment-text[data-text="good knee drive"])`);
    await item.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => item.getAttribute('class')).toMatch(/fc-resolved/);
    // Run by a key-less path with no comment given, it asks for one.
    await openPalette(page);
    await find(page, 'resolve or reo', 'Resolve or reopen a comment…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(page)).rows.length).toBe(2);
    await page.keyboard.press('Escape');
  });
});
