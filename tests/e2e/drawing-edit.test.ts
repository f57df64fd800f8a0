/**
 * Editing drawings as a coach does, with the real mouse and keyboard: undo/redo over
 * creation, moves, recolouring and deletion (each a durable save: the final state survives a
 * reload); drawing with the keyboard alone; copying a drawing to another frame; a comment
 * made from a drawing (linked to it, also after a reload); text labels.
 *
 * Checked by what the user sees: the drawing canvas's pixels at normalized picture points,
 * the text it wrote, the overlay host's data-* and the comments panel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile, readBarcode } from './barcode';
import { listed, showPanel, waitForEditor } from './comments-helpers';
import {
  canvasData,
  canvasTexts,
  chooseColour,
  clear,
  clickOnPicture,
  dragOnPicture,
  goToFrame,
  keepOnFailure,
  leaveTool,
  openCase,
  painted,
  pickTool,
  sampleAt,
  sampleIn,
  stepFrames,
  waitData,
  waitSelected,
  waitVisible,
  writeLabel,
  type P,
} from './drawing-helpers';
import type { FixtureServer } from './harness';
import { hostData, measureRate } from './overlay';
import { ui } from './packet-helpers';
import { useBrowser } from './session';

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});
const CLIP = clipByFile('vp9-30.webm');
// Distinct per run: a video id is per page URL, `case` included.
const RUN = Date.now().toString(36);
const YELLOW = '#ffcf3f';

const mid = (a: P, b: P): P => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const shift = (p: P, dx: number, dy = 0): P => ({ x: p.x + dx, y: p.y + dy });

/**
 * Opens the case's video at frame `k`, with the frame rate measured and yellow as the colour
 * of new drawings (a profile setting: the undo test's Alt+K changes it for later tests).
 */
async function openAt(page: Page, name: string, k: number): Promise<void> {
  await openCase(page, server, CLIP, name);
  await chooseColour(page, YELLOW);
  await measureRate(page);
  await goToFrame(page, CLIP, k);
}

/** A test with its own page; on failure the page's canvas, screenshot and data are kept. */
function test(title: string, name: string, body: (page: Page, name: string) => Promise<void>): void {
  it(title, async () => {
    const page = await newPage();
    await keepOnFailure(page, `drawing-edit-${name}`, () => body(page, `${name}-${RUN}`));
  });
}

/** Draws a line with the mouse and waits until it is saved (and selected). */
async function drawLine(page: Page, from: P, to: P): Promise<string> {
  await pickTool(page, 'Alt+l', 'line');
  await dragOnPicture(page, from, to);
  const id = await waitSelected(page);
  await waitData(page, 'undo', 'draw line');
  return id;
}

/** The red of the palette's second colour (#ff4d4d) at a point: opaque, red, not yellow. */
async function red(page: Page, p: P): Promise<boolean> {
  const [r, g, b, a] = (await sampleAt(page, p, 0)).strongest;
  return a > 128 && r > 200 && g < 130 && b < 130;
}

describe('drawing: edit', () => {
  test('undo/redo round trip: draw, move, recolour, delete — each undone and redone; the final state survives a reload', 'undo', async (page, name) => {
    await openAt(page, name, 40);
    const from = { x: 0.1, y: 0.55 };
    const to = { x: 0.4, y: 0.9 };
    const here = mid(from, to);
    const there = shift(here, 0.2);
    const off = { x: 0.8, y: 0.6 };

    // Draw; undo removes it; redo puts it back.
    const lineId = await drawLine(page, from, to);
    await expect.poll(() => painted(page, here)).toBe(true);
    expect(await clear(page, off)).toBe(true);
    await page.keyboard.press('Control+z');
    await waitData(page, 'drawings', '0');
    await expect.poll(() => clear(page, here), { message: 'undone: the line is gone' }).toBe(true);
    await waitData(page, 'redo', 'draw line');
    await page.keyboard.press('Control+Shift+z');
    await waitData(page, 'drawings', '1');
    await expect.poll(() => painted(page, here), { message: 'redone: the line is back' }).toBe(true);
    await waitData(page, 'undo', 'draw line');

    // Esc (nothing selected), Alt+S, click it: selected; drag it right by 0.2 of the picture.
    await leaveTool(page);
    await waitData(page, 'selected', '');
    await pickTool(page, 'Alt+s', 'select');
    await clickOnPicture(page, here);
    expect(await waitSelected(page)).toBe(lineId);
    await dragOnPicture(page, here, there);
    await waitData(page, 'undo', 'move drawing');
    await expect.poll(() => painted(page, there), { message: 'moved: painted at the new place' }).toBe(true);
    expect(await clear(page, here), 'moved: the old place is clear').toBe(true);
    expect(await painted(page, shift(mid(from, here), 0.2)), 'moved: all of it').toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => painted(page, here), { message: 'move undone: back at the old place' }).toBe(true);
    expect(await clear(page, there)).toBe(true);
    // (A step is redoable once its undo is saved.)
    await waitData(page, 'redo', 'move drawing');
    await page.keyboard.press('Control+y');
    await expect.poll(() => painted(page, there), { message: 'move redone' }).toBe(true);
    expect(await clear(page, here)).toBe(true);
    await waitData(page, 'undo', 'move drawing');

    // Alt+K: the next colour (red); undo: yellow again.
    expect((await hostData(page)).selected).toBe(lineId);
    await page.keyboard.press('Alt+k');
    await waitData(page, 'undo', 'recolor drawing');
    await expect.poll(() => red(page, there), { message: 'recoloured red' }).toBe(true);
    expect(await painted(page, there), 'no longer yellow').toBe(false);
    await page.keyboard.press('Control+z');
    await expect.poll(() => painted(page, there), { message: 'recolour undone: yellow' }).toBe(true);
    await waitData(page, 'redo', 'recolor drawing');

    // Delete; undo brings it back.
    await page.keyboard.press('Delete');
    await waitData(page, 'drawings', '0');
    await waitData(page, 'undo', 'delete drawing');
    await expect.poll(() => clear(page, there), { message: 'deleted' }).toBe(true);
    await page.keyboard.press('Control+z');
    await waitData(page, 'drawings', '1');
    await expect.poll(() => painted(page, there), { message: 'delete undone' }).toBe(true);
    // That undo is saved before the page goes (a step moves to redo once its write is durable).
    await waitData(page, 'redo', 'delete drawing');

    // Reloaded: moved, yellow, not deleted.
    await openCase(page, server, CLIP, name);
    await waitData(page, 'drawings', '1');
    await goToFrame(page, CLIP, 40);
    await waitVisible(page, 1);
    await expect.poll(() => painted(page, there), { message: 'after a reload: at the moved place, yellow' }).toBe(true);
    expect(await clear(page, here), 'after a reload: the old place is clear').toBe(true);
  });

  test('keyboard only: Alt+L, arrows, Enter, arrows, Enter draws a line between the two pointer points', 'keys', async (page, name) => {
    await openAt(page, name, 40);
    await pickTool(page, 'Alt+l', 'line');
    // The pointer starts at the picture's centre: 8 far steps left, 4 far steps down (0.025 each).
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowLeft');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    const start = { x: 0.5 - 8 * 0.025, y: 0.5 + 4 * 0.025 };
    await page.keyboard.press('Enter');
    // Then 16 far steps right and 20 fine steps down (0.005 each).
    for (let i = 0; i < 16; i++) await page.keyboard.press('Shift+ArrowRight');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
    const end = { x: start.x + 16 * 0.025, y: start.y + 20 * 0.005 };
    await page.keyboard.press('Enter');
    await waitSelected(page);
    await waitData(page, 'undo', 'draw line');
    expect((await hostData(page)).drawings).toBe('1');
    // The keys drew, they did not step (Shift+arrows step 10 frames without a tool): still frame 40.
    expect(await readBarcode(page)).toBe(40);
    await leaveTool(page);
    await waitVisible(page, 1);
    for (const t of [0.1, 0.5, 0.9]) {
      const p = { x: start.x + t * (end.x - start.x), y: start.y + t * (end.y - start.y) };
      await expect.poll(() => painted(page, p), { message: `on the line at t=${t} ${JSON.stringify(p)}` }).toBe(true);
    }
    // Not beyond its ends, nor off its course.
    for (const p of [shift(start, -0.05), shift(end, 0.05), { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.8 }]) {
      expect(await clear(page, p), `clear at ${JSON.stringify(p)}`).toBe(true);
    }
  });

  test('copy to another frame: Ctrl+C on frame 40, Ctrl+V on frame 50 puts it there at the same place; frame 40 keeps its own', 'copy', async (page, name) => {
    await openAt(page, name, 40);
    // Rising to the right: a copy offset by (+0.02, +0.02) (a paste on the same frame) would lie ~10 px off it.
    const from = { x: 0.2, y: 0.9 };
    const to = { x: 0.6, y: 0.55 };
    const along = (t: number): P => ({ x: from.x + t * (to.x - from.x), y: from.y + t * (to.y - from.y) });
    const lineId = await drawLine(page, from, to);
    await leaveTool(page);
    await pickTool(page, 'Alt+s', 'select');
    await clickOnPicture(page, along(0.5));
    expect(await waitSelected(page)).toBe(lineId);
    await page.keyboard.press('Control+c');
    await stepFrames(page, 10, 50);
    await waitVisible(page, 0);
    await expect.poll(() => clear(page, along(0.5)), { message: 'frame 50 has nothing yet' }).toBe(true);
    await page.keyboard.press('Control+v');
    await waitData(page, 'drawings', '2');
    await waitData(page, 'undo', 'paste drawing');
    await waitVisible(page, 1);
    // The copy is selected (a new drawing, not the original).
    expect(await waitSelected(page)).not.toBe(lineId);
    await expect.poll(() => painted(page, along(0.5)), { message: 'pasted on frame 50, same place' }).toBe(true);
    for (const t of [0.1, 0.9]) expect(await painted(page, along(t)), `pasted, t=${t}`).toBe(true);
    expect(await clear(page, shift(along(0.5), 0.02, 0.02)), 'not offset').toBe(true);
    await leaveTool(page);
    // Frame 40 still has the original.
    await goToFrame(page, CLIP, 40);
    await waitVisible(page, 1);
    await expect.poll(() => painted(page, along(0.5)), { message: 'frame 40 keeps the original' }).toBe(true);

    // Saved: after a reload frame 50 and frame 40 each have one; frame 45 none.
    await openCase(page, server, CLIP, name);
    await waitData(page, 'drawings', '2');
    for (const [k, n] of [[50, 1], [45, 0], [40, 1]] as const) {
      await goToFrame(page, CLIP, k);
      await waitVisible(page, n);
      if (n) await expect.poll(() => painted(page, along(0.5)), { message: `frame ${k} painted` }).toBe(true);
      else await expect.poll(() => clear(page, along(0.5)), { message: `frame ${k} clear` }).toBe(true);
    }
  });

  test("comment from a drawing: 'c' on the selected line, type, Enter — the comment is linked (✎ 1), also after a reload", 'linked', async (page, name) => {
    await openAt(page, name, 40);
    const lineId = await drawLine(page, { x: 0.3, y: 0.6 }, { x: 0.6, y: 0.9 });
    // Still selected after drawing: 'c' comments on the drawing.
    await page.keyboard.press('c');
    await waitForEditor(page);
    expect(await editorLabel(page)).toContain('on the selected drawing');
    await page.keyboard.type('Shin angle');
    await page.keyboard.press('Enter');
    await waitData(page, 'comments', '1');
    await waitData(page, 'undo', 'link to comment');
    await expect.poll(() => linkedBadges(page), { message: 'the comment shows its linked drawing' }).toEqual([
      { text: 'Shin angle', badge: '✎ 1' },
    ]);
    // Pinned to the drawing's frame; the drawing is still there, still selected. (Drawn before
    // a busy machine knew the rate, the two get their frame number once it is known.)
    await expect.poll(async () => (await listed(page)).map((c) => c.place.split(' ')[0]), { timeout: 5_000 }).toEqual(['F40']);
    expect((await hostData(page)).drawings).toBe('1');
    expect((await hostData(page)).selected).toBe(lineId);

    await openCase(page, server, CLIP, name);
    await waitData(page, 'comments', '1');
    await waitData(page, 'drawings', '1');
    await showPanel(page);
    await expect.poll(() => linkedBadges(page), { message: 'after a reload' }).toEqual([{ text: 'Shin angle', badge: '✎ 1' }]);
  });

  test('text label: Alt+T, click, type "Hip", Enter — written on the canvas, also after a reload', 'label', async (page, name) => {
    await openAt(page, name, 40);
    await pickTool(page, 'Alt+t', 'text');
    const at = { x: 0.3, y: 0.6 };
    await writeLabel(page, at, 'Hip');
    await waitSelected(page);
    await waitData(page, 'undo', 'draw text');
    await leaveTool(page);
    await waitVisible(page, 1);
    expect(await canvasTexts(page)).toEqual(['Hip']);
    // The label box is at the click (its top-left corner), and nowhere else.
    await expect.poll(async () => (await sampleIn(page, at, shift(at, 0.06, 0.05))).yellow).toBe(true);
    expect(await clear(page, { x: 0.3, y: 0.8 })).toBe(true);
    // Typed into the label, not the page: `H` (Shift+H hides FrameCoach), `i`, `p` did nothing else.
    expect(await page.evaluate(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-panel')), 'FrameCoach still shown').toBe(true);
    expect(await page.evaluate(() => document.querySelector('video')!.paused)).toBe(true);
    expect(await readBarcode(page)).toBe(40);

    await openCase(page, server, CLIP, name);
    await waitData(page, 'drawings', '1');
    await goToFrame(page, CLIP, 40);
    await waitVisible(page, 1);
    await expect.poll(() => canvasTexts(page), { message: 'after a reload' }).toEqual(['Hip']);
    expect((await canvasData(page)).drawings).toBe('1');
  });

  test("the drawing bar's buttons are enabled when their commands can run, and work with the mouse; a drawing's mark on the timeline goes to its frame", 'buttons', async (page, name) => {
    await openAt(page, name, 40);
    const from = { x: 0.1, y: 0.55 };
    const to = { x: 0.4, y: 0.9 };
    const here = mid(from, to);
    const button = (id: string) => ui(page, `.fc-drawbar button[data-command="${id}"]`);
    /** Which of the selection's and history's buttons are enabled now. */
    const enabled = () =>
      page.evaluate(() => {
        const bar = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-drawbar');
        const ids = ['draw.delete', 'draw.copy', 'draw.paste', 'edit.undo', 'edit.redo'];
        return Object.fromEntries(ids.map((id) => [id, bar?.querySelector<HTMLButtonElement>(`button[data-command="${id}"]`)?.disabled === false]));
      });
    await pickTool(page, 'Alt+s', 'select');
    expect(await enabled(), 'nothing selected, nothing done').toEqual({ 'draw.delete': false, 'draw.copy': false, 'draw.paste': false, 'edit.undo': false, 'edit.redo': false });

    const id = await drawLine(page, from, to);
    await expect.poll(enabled, { message: 'a line drawn and selected' }).toEqual({ 'draw.delete': true, 'draw.copy': true, 'draw.paste': false, 'edit.undo': true, 'edit.redo': false });
    await button('draw.copy').click();
    await expect.poll(enabled, { message: 'copied' }).toMatchObject({ 'draw.paste': true });
    await button('edit.undo').click();
    await waitData(page, 'drawings', '0');
    await expect.poll(() => clear(page, here), { message: 'undone with the mouse: the line is gone' }).toBe(true);
    await expect.poll(enabled, { message: 'undone' }).toMatchObject({ 'edit.redo': true, 'draw.delete': false });
    await button('edit.redo').click();
    await waitData(page, 'drawings', '1');
    await expect.poll(() => painted(page, here), { message: 'redone with the mouse' }).toBe(true);
    await button('draw.exit').click();
    await waitData(page, 'tool', '');

    await goToFrame(page, CLIP, 5);
    await ui(page, `.fc-strip button[data-drawing-id="${id}"]`).click();
    await expect.poll(() => readBarcode(page), { timeout: 5_000, message: "the mark's frame" }).toBe(40);
    await expect.poll(() => painted(page, here), { message: 'the line on it' }).toBe(true);
  });
});

/** The editor's heading line (where the comment goes). */
function editorLabel(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-editor-head')?.textContent ?? '');
}

/** The listed comments with their linked-drawing badge ('' when none). */
function linkedBadges(page: Page): Promise<{ text: string; badge: string }[]> {
  return page.evaluate(() => {
    const root = document.querySelector('framecoach-overlay')?.shadowRoot;
    return [...(root?.querySelectorAll('li.fc-comment') ?? [])].map((li) => ({
      text: li.querySelector(':scope > .fc-comment-main .fc-comment-text')?.getAttribute('data-text') ?? '',
      badge: (li.querySelector(':scope > .fc-comment-main .fc-linked')?.textContent ?? '').trim(),
    }));
  });
}
