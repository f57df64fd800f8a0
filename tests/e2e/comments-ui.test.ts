/**
 * The comments UI as a coach uses it with the mouse: toolbar button, Save/Cancel, Reply,
 * Resolve, search, the current-comment highlight, markers along the picture, the toast
 * during playback, the author name and the empty state. Frames are checked by the clips'
 * barcodes.
 *
 * One browser with a fresh profile for the file. Every test opens its own video: the page
 * URL (query included) is part of the video id, so `?case=<name>` keeps tests apart even on
 * the same clip.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatClock } from '../../utils/frames/timecode';
import { clipByFile, frameMiddle, frameStart, readBarcode, seekAndRead, type ClipInfo } from './barcode';
import { fixtureUrl, type FixtureServer, type LaunchedBrowser } from './harness';
import { useBrowser } from './session';
import { waitIdle } from './overlay';
import {
  addCommentHere,
  comment,
  commentCount,
  editorOpen,
  editorValue,
  fieldValue,
  fillField,
  listed,
  ready,
  replyTexts,
  showPanel,
  stepTo,
  typeName,
  typeText,
  waitForCount,
  waitForEditor,
  waitForListed,
} from './comments-helpers';

const clip = clipByFile;
const C25 = clip('vp9-25.webm');
const C2997 = clip('h264-29.97.mp4');
const C30 = clip('vp9-30.webm');
const C60 = clip('h264-60.mp4');

let server: FixtureServer;
let browser: LaunchedBrowser;
// Distinct per run, so even a reused profile would not mix runs.
const RUN = Date.now().toString(36);

// A fresh temporary profile for the file (removed on close).
const newPage = useBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Opens `page` with `clip` as a video of its own (`?case=`), ready with comments loaded. */
async function openCase(name: string, c: ClipInfo, pageName = 'plain.html'): Promise<Page> {
  const page = await newPage();
  await page.goto(fixtureUrl(server, pageName, { clip: c.file, case: `${name}-${RUN}` }));
  await ready(page);
  return page;
}

const ui = (page: Page, selector: string) => page.locator(`framecoach-overlay ${selector}`);

async function waitEditorClosed(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-editor'),
    undefined,
    { timeout: 5_000 },
  );
}

/** Texts of the listed top-level comments, in order. */
async function listedTexts(page: Page): Promise<string[]> {
  return (await listed(page)).map((c) => c.text);
}

/** Text of the `.fc-empty` hint, or null when the panel shows none. */
async function emptyHint(page: Page): Promise<string | null> {
  return page.evaluate(
    () => {
      // As the coach reads it: the query is painted from an attribute (private-text.tsx).
      const hint = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments .fc-empty')?.cloneNode(true) as HTMLElement | undefined;
      if (!hint) return null;
      hint.querySelectorAll('.fc-private').forEach((n) => n.replaceWith(n.getAttribute('data-text') ?? ''));
      return hint.textContent;
    },
  );
}

/** Ids of the listed comments that carry `fc-current`. */
async function currentIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('framecoach-overlay')?.shadowRoot;
    return [...(root?.querySelectorAll('li.fc-comment.fc-current') ?? [])].map((li) => (li as HTMLElement).dataset.commentId ?? '');
  });
}

function placeMatches(place: string, c: ClipInfo, frame: number): boolean {
  return place.startsWith(`F${frame} `) || place.startsWith(formatClock(frameStart(c, frame)));
}

/**
 * A comment saying `text` on frame 12, then Edit clicked with the comment box set to load 1.5 s
 * late (the test build's hook): the keys typed next are typed ahead, as on a busy machine.
 */
async function editWithLateBox(name: string, text: string): Promise<{ page: Page; id: string }> {
  const page = await openCase(name, C25);
  await stepTo(page, C25, 12);
  await addCommentHere(page, text);
  const [top] = await listed(page);
  await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-field-slow', ''));
  await comment(page, top!.id).locator(':scope > .fc-comment-actions').getByRole('button', { name: 'Edit' }).click();
  return { page, id: top!.id };
}

describe('comments UI', () => {
  it('adds a comment with the toolbar button and Save; Cancel adds nothing', async () => {
    const page = await openCase('mouse-add', C25);
    expect(await commentCount(page)).toBe(0);

    await stepTo(page, C25, 20);
    await ui(page, 'button[data-command="comment.add"]').click();
    await waitForEditor(page);
    await typeText(page, 'Saved with the mouse');
    await ui(page, '.fc-editor button[type=submit]').click();
    await waitForCount(page, 1);
    await waitEditorClosed(page);
    await waitForListed(page, 'Saved with the mouse');
    const [first] = await listed(page);
    expect(placeMatches(first!.place, C25, 20), first!.place).toBe(true);
    expect(await readBarcode(page)).toBe(20);

    // Cancel: editor opens, text typed, Cancel clicked → nothing stored.
    expect((await seekAndRead(page, frameMiddle(C25, 60))).index).toBe(60);
    await waitIdle(page);
    await ui(page, 'button[data-command="comment.add"]').click();
    await waitForEditor(page);
    await typeText(page, 'Thrown away');
    await ui(page, '.fc-editor').getByRole('button', { name: 'Cancel', exact: true }).click();
    await waitEditorClosed(page);
    expect(await editorOpen(page)).toBe(false);
    // Give a wrongly started save a chance to show up before checking.
    await page.waitForTimeout(300);
    expect(await commentCount(page)).toBe(1);
    expect(await listedTexts(page)).toEqual(['Saved with the mouse']);

    await page.reload();
    await ready(page);
    await waitForCount(page, 1);
    await showPanel(page);
    await waitForListed(page, 'Saved with the mouse');
    expect(await listedTexts(page)).toEqual(['Saved with the mouse']);
    await page.close();
  });

  it('replies to a comment and resolves it; both survive a reload', async () => {
    const page = await openCase('reply-resolve', C30);
    await stepTo(page, C30, 30);
    await addCommentHere(page, 'Elbow drops at release');
    const [top] = await listed(page);
    const item = comment(page, top!.id);

    await item.getByRole('button', { name: 'Reply', exact: true }).click();
    await waitForEditor(page);
    await typeText(page, 'Agreed, cue high elbow');
    await ui(page, '.fc-editor button[type=submit]').click();
    await waitForCount(page, 2); // replies count in data-comments
    await waitEditorClosed(page);
    await expect.poll(() => replyTexts(page, top!.id)).toEqual(['Agreed, cue high elbow']);
    // A reply is not a top-level item.
    expect(await listedTexts(page)).toEqual(['Elbow drops at release']);

    await item.locator(':scope > .fc-comment-actions').getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => item.getAttribute('class')).toContain('fc-resolved');
    await waitForCount(page, 2);
    expect(await item.locator(':scope > .fc-comment-actions button.fc-link').allTextContents()).toContain('Reopen');

    await page.reload();
    await ready(page);
    await waitForCount(page, 2);
    await showPanel(page);
    await waitForListed(page, 'Elbow drops at release');
    const again = comment(page, top!.id);
    expect(await again.getAttribute('class')).toContain('fc-resolved');
    expect(await again.locator(':scope > .fc-comment-actions button.fc-link').allTextContents()).toEqual([
      'Reply',
      'Edit',
      'Reopen',
      'Delete',
    ]);
    expect(await replyTexts(page, top!.id)).toEqual(['Agreed, cue high elbow']);
    await page.close();
  });

  it('search narrows the list, matches replies with their thread, shows an empty state and restores all when cleared', async () => {
    const page = await openCase('search', C60);
    const PINS = [
      { frame: 20, text: 'Knee drive high' },
      { frame: 80, text: 'Arm swing relaxed' },
      { frame: 140, text: 'Knee collapses inward' },
    ];
    for (const p of PINS) {
      await stepTo(page, C60, p.frame);
      await addCommentHere(page, p.text);
    }
    const all = PINS.map((p) => p.text);
    expect(await listedTexts(page)).toEqual(all);
    // A reply on the arm thread, found by its own text.
    const arm = (await listed(page))[1]!;
    await comment(page, arm.id).getByRole('button', { name: 'Reply', exact: true }).click();
    await waitForEditor(page);
    await typeText(page, 'watch the thumb path');
    await ui(page, '.fc-editor button[type=submit]').click();
    await waitForCount(page, 4);
    await waitEditorClosed(page);

    const search = { fill: (text: string) => fillField(page, '.fc-search', text) };
    await search.fill('knee');
    await expect.poll(() => listedTexts(page)).toEqual(['Knee drive high', 'Knee collapses inward']);
    await search.fill('RELAXED');
    await expect.poll(() => listedTexts(page)).toEqual(['Arm swing relaxed']);
    await search.fill('thumb');
    await expect.poll(() => listedTexts(page)).toEqual(['Arm swing relaxed']);
    expect(await replyTexts(page, arm.id)).toEqual(['watch the thumb path']);
    // By author (the default name).
    await search.fill('coach');
    await expect.poll(() => listedTexts(page)).toEqual(all);

    await search.fill('zzz nothing');
    await expect.poll(() => listedTexts(page)).toEqual([]);
    expect(await emptyHint(page)).toContain('No comment matches');
    expect(await emptyHint(page)).toContain('zzz nothing');

    await search.fill('');
    await expect.poll(() => listedTexts(page)).toEqual(all);
    expect(await emptyHint(page)).toBeNull();
    await page.close();
  });

  it('highlights the last comment at or before the frame on screen', async () => {
    const page = await openCase('current', C2997);
    for (const f of [10, 30, 50]) {
      await stepTo(page, C2997, f);
      await addCommentHere(page, `at frame ${f}`);
    }
    const items = await listed(page);
    expect(items.map((i) => i.text)).toEqual(['at frame 10', 'at frame 30', 'at frame 50']);
    const [, at30, at50] = items;

    await stepTo(page, C2997, 35);
    await expect.poll(() => currentIds(page), { timeout: 3_000, interval: 20 }).toEqual([at30!.id]);
    await stepTo(page, C2997, 55);
    await expect.poll(() => currentIds(page), { timeout: 3_000, interval: 20 }).toEqual([at50!.id]);
    // Exactly on a comment's frame counts as "at".
    await stepTo(page, C2997, 30);
    await expect.poll(() => currentIds(page), { timeout: 3_000, interval: 20 }).toEqual([at30!.id]);
    // Before the first comment: none.
    await stepTo(page, C2997, 5);
    await expect.poll(() => currentIds(page), { timeout: 3_000, interval: 20 }).toEqual([]);
    await page.close();
  });

  it('shows one marker per comment; its title has the text and a click shows its frame and the comment', async () => {
    const page = await openCase('markers', C30);
    const PINS = [
      { frame: 20, text: 'Marker one' },
      { frame: 60, text: 'Marker two' },
      { frame: 100, text: 'Marker three' },
    ];
    for (const p of PINS) {
      await stepTo(page, C30, p.frame);
      await addCommentHere(page, p.text);
    }
    const items = await listed(page);
    const markers = ui(page, '.fc-strip button.fc-marker');
    await expect.poll(() => markers.count()).toBe(3);
    for (const [i, p] of PINS.entries()) {
      const m = ui(page, `.fc-strip button.fc-marker[data-comment-id="${items[i]!.id}"]`);
      expect(await m.count()).toBe(1);
      expect(await m.getAttribute('title')).toContain(p.text);
    }
    const panelShown = () => page.evaluate(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments'));
    for (const [i, p] of PINS.entries()) {
      // Close the panel so nothing covers the strip (the toolbar's button), then click the marker from far away.
      await ui(page, '.fc-tools button[data-command="comment.togglePanel"]').click();
      await expect.poll(panelShown).toBe(false);
      const away = p.frame < 60 ? 110 : 5;
      expect((await seekAndRead(page, frameMiddle(C30, away))).index).toBe(away);
      await waitIdle(page);
      await ui(page, `.fc-strip button.fc-marker[data-comment-id="${items[i]!.id}"]`).click();
      await expect
        .poll(() => readBarcode(page), { timeout: 5_000, interval: 20 })
        .toBe(p.frame)
        .catch(async (error: unknown) => {
          // Seen once in ~10 runs (a -1 reading that lasted): keep what the video was doing.
          const state = await page.evaluate(() => {
            const v = document.querySelector('video')!;
            const host = document.querySelector('framecoach-overlay') as HTMLElement;
            return { paused: v.paused, seeking: v.seeking, t: v.currentTime, rs: v.readyState, data: { ...host.dataset } };
          });
          throw new Error(`${String(error)}\nvideo: ${JSON.stringify(state)}`);
        });
      // The marker runs "Go to a comment…": the panel opens on it.
      await expect.poll(panelShown).toBe(true);
    }
    await page.close();
  });

  it('shows the passed comment in a toast while playing', async () => {
    const page = await openCase('toast', C2997);
    await stepTo(page, C2997, 15);
    await addCommentHere(page, 'Toast at fifteen');
    // Close the panel; focus stays with the page for `k`.
    await page.keyboard.press('Shift+C');
    await page.waitForFunction(() => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments'));
    expect((await seekAndRead(page, frameMiddle(C2997, 5))).index).toBe(5);
    await waitIdle(page);
    const toast = ui(page, '.fc-toast');
    expect(await toast.count()).toBe(0);

    await page.keyboard.press('k');
    const t0 = Date.now();
    await page.waitForFunction(
      (want) => {
        const t = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-toast');
        return !!t && (t.querySelector('.fc-toast-text')?.getAttribute('data-text') ?? '').includes(want);
      },
      'Toast at fifteen',
      { timeout: 3_000, polling: 10 },
    );
    const seenAfter = Date.now() - t0;
    const mediaTime = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).paused, undefined, { timeout: 3_000 });
    expect(seenAfter).toBeLessThan(1_500);
    // It showed at or after the comment's time, within its 1.5 s window.
    expect(mediaTime).toBeGreaterThanOrEqual(frameStart(C2997, 15) - 0.05);
    expect(mediaTime).toBeLessThan(frameStart(C2997, 15) + 1.5);
    // Paused: no toast.
    await expect.poll(() => toast.count(), { timeout: 2_000 }).toBe(0);
    await page.close();
  });

  it('c during playback, then typing at once: every letter lands in the comment (k too), pinned to the frame the video stopped on', async () => {
    const page = await openCase('type-at-once', C2997);
    await page.keyboard.press('k');
    await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).paused);
    await page.waitForTimeout(400);
    // No wait between the keys: a coach types straight on.
    await page.keyboard.press('c');
    await page.keyboard.type('Keep knees soft');
    await page.keyboard.press('Enter');
    await waitForCount(page, 1);
    await waitEditorClosed(page);
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).paused)).toBe(true);
    await waitIdle(page);
    const shown = await readBarcode(page);
    await showPanel(page);
    const [c] = await listed(page);
    expect(c!.text).toBe('Keep knees soft');
    // Saved before the pause settled (a busy machine), it is written where it was started and
    // moved to the frame the video stopped on a moment later.
    await expect.poll(async () => (await listed(page))[0]!.place.slice(0, `F${shown} `.length), { timeout: 5000 }).toBe(`F${shown} `);
  });

  // The comment box is a frame of the extension's origin (private-field.tsx), which takes the
  // focus a moment after `c`: the keys before reach the page's window and are handed to it.
  it('c and typing at once, eight times in a row (paused and playing): not a letter lost or moved', async () => {
    const page = await openCase('type-at-once-8', C60);
    const wrong: string[] = [];
    for (let i = 0; i < 8; i++) {
      const n = await commentCount(page);
      if (i % 2) {
        await page.keyboard.press('k');
        await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).paused);
      }
      const text = `knee over toe, take ${i}`;
      await page.keyboard.press('c');
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await waitForCount(page, n + 1);
      await waitEditorClosed(page);
      const texts = (await listed(page)).map((c) => c.text);
      if (!texts.includes(text)) wrong.push(`${text}: ${JSON.stringify(texts)}`);
    }
    expect(wrong).toEqual([]);
  });

  // The comment box is a frame of FrameCoach's own page (private-field.tsx). Should that page
  // not answer (the extension was updated under an open tab), a plain box takes its place
  // after a few seconds: nothing typed meanwhile is lost, and Enter still saves. (A test build
  // frames a missing file on a page marked so.)
  it('when the comment box can not load, a plain box takes its place with what was typed, and saves it', async () => {
    const page = await openCase('field-fails', C25);
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-field-fails', ''));
    await page.keyboard.press('c');
    // Some at once, the rest while the box is still failing (its frame has loaded an error page).
    await page.keyboard.type('kn');
    await page.waitForTimeout(1500);
    await page.keyboard.type('ee');
    const plain = () =>
      page.evaluate(() => {
        const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
        const box = root.querySelector<HTMLTextAreaElement>('textarea.fc-textarea');
        return box ? { value: box.value, focused: root.activeElement === box } : null;
      });
    await expect.poll(plain, { timeout: 10_000 }).toEqual({ value: 'knee', focused: true });
    await page.keyboard.type(' valgus');
    await page.keyboard.press('Enter');
    await waitForCount(page, 1);
    expect(await listedTexts(page)).toEqual(['knee valgus']);
  });

  it('Edit, then Ctrl+A and new words at once, before the box has loaded: the new words replace the comment', async () => {
    // Seen under load (the packet loop's revision): Ctrl+A went to the page and selected
    // nothing, and the new words went on the end of the old ones.
    const { page, id } = await editWithLateBox('edit-select-all', 'Land under the hip');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Land under the hip, not ahead');
    // The box, once loaded, holds the new words alone, selected nothing more, and takes the rest.
    await expect.poll(() => editorValue(page), { timeout: 10_000 }).toBe('Land under the hip, not ahead');
    await page.keyboard.type(' of it');
    await page.keyboard.press('Enter');
    await waitForListed(page, 'Land under the hip, not ahead of it');
    expect(await listedTexts(page)).toEqual(['Land under the hip, not ahead of it']);
    // And Ctrl+A in the loaded box, then new words: the same.
    await comment(page, id).locator(':scope > .fc-comment-actions').getByRole('button', { name: 'Edit' }).click();
    await waitForEditor(page);
    await expect.poll(() => editorValue(page), { timeout: 10_000 }).toBe('Land under the hip, not ahead of it');
    await page.keyboard.press('Control+a');
    await typeText(page, 'Hips level');
    await page.keyboard.press('Enter');
    await waitForListed(page, 'Hips level');
    expect(await listedTexts(page)).toEqual(['Hips level']);
    await page.close();
  });

  it('Edit, then Backspace and new letters at once, before the box has loaded: the last letters are replaced', async () => {
    const { page } = await editWithLateBox('edit-backspace', 'Knee over toe');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('ankle');
    await expect.poll(() => editorValue(page), { timeout: 10_000 }).toBe('Knee over ankle');
    await page.keyboard.press('Enter');
    await waitForListed(page, 'Knee over ankle');
    expect(await listedTexts(page)).toEqual(['Knee over ankle']);
    await page.close();
  });

  it('Tab from the comment box to its buttons keeps the focus there, though the box was asked for the focus late', async () => {
    const page = await openCase('tab-out-late-focus', C25);
    await stepTo(page, C25, 12);
    // The box's own request for the focus arrives after the focus itself (a busy machine's order).
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-focus-late', ''));
    await page.keyboard.press('c');
    await waitForEditor(page);
    await page.keyboard.type('shin vertical');
    await expect.poll(() => editorValue(page)).toBe('shin vertical');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => {
      const el = document.querySelector('framecoach-overlay')!.shadowRoot!.activeElement;
      return el ? `${el.tagName} ${el.textContent ?? ''}`.trim() : 'none';
    });
    await expect.poll(focused).toBe('BUTTON Cancel');
    // Past the late request: the focus stays where the coach moved it, and Escape reaches the editor there.
    await page.waitForTimeout(1_200);
    expect(await focused()).toBe('BUTTON Cancel');
    expect(await editorValue(page)).toBe('shin vertical');
    await page.keyboard.press('Escape');
    await waitEditorClosed(page);
    await page.close();
  });

  it('shows the "No comments yet" hint on a video without comments', async () => {
    const page = await openCase('empty', C25, 'letterbox.html');
    expect(await commentCount(page)).toBe(0);
    await showPanel(page);
    await expect.poll(() => emptyHint(page)).toContain('No comments yet');
    expect(await listed(page)).toEqual([]);
    await page.close();
  });

  it('shows comment text as text: markup in a comment is never parsed or run', async () => {
    const page = await openCase('markup', C30);
    const hostile = '<b>bold?</b> <img src=x onerror="window.__pwned=1"> & 5 < 6';
    await addCommentHere(page, hostile);
    await showPanel(page);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
      return {
        text: root.querySelector('.fc-comment-text')?.getAttribute('data-text'),
        // The words are painted from the attribute (private-text.tsx): as a block, it takes the
        // box the same words take as text (both measured side by side, then removed).
        painted: (() => {
          const shown = root.querySelector('.fc-comment-text') as HTMLElement;
          const painted = shown.cloneNode() as HTMLElement;
          const asText = document.createElement('span');
          asText.className = 'fc-comment-text';
          asText.textContent = shown.getAttribute('data-text');
          for (const el of [painted, asText]) el.style.display = 'block';
          shown.after(painted, asText);
          const [a, b] = [painted.getBoundingClientRect(), asText.getBoundingClientRect()];
          painted.remove();
          asText.remove();
          return a.height > 10 && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5 ? true : `${a.width}×${a.height} painted, ${b.width}×${b.height} as text`;
        })(),
        elements: root.querySelectorAll('.fc-comment-text *').length,
        images: root.querySelectorAll('img').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      };
    });
    expect(seen).toEqual({ text: hostile, painted: true, elements: 0, images: 0, pwned: null });
    await page.close();
  });

  // Last: the name is a profile-wide setting.
  it('signs comments with the name typed in the panel; the name survives a reload', async () => {
    const page = await openCase('author', C60);
    await showPanel(page);
    expect(await fieldValue(page, '.fc-name')).toBe('Coach');
    await typeName(page, 'Coach Kim');
    // The background stores it in the extension's storage.local.
    await expect
      .poll(
        () =>
          browser.background!.evaluate(async () => {
            const ext = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
            const got = await ext.storage.local.get('settings');
            return (got.settings as { author?: { name?: string } } | undefined)?.author?.name ?? null;
          }),
        { timeout: 5_000 },
      )
      .toBe('Coach Kim');

    await stepTo(page, C60, 90);
    await ui(page, 'button[data-command="comment.add"]').click();
    await waitForEditor(page);
    await typeText(page, 'Signed comment');
    await ui(page, '.fc-editor button[type=submit]').click();
    await waitForCount(page, 1);
    await waitForListed(page, 'Signed comment');
    const [c] = await listed(page);
    expect(await comment(page, c!.id).locator(':scope > .fc-comment-main .fc-comment-author').getAttribute('data-text')).toBe('Coach Kim');

    await page.reload();
    await ready(page);
    await showPanel(page);
    await waitForListed(page, 'Signed comment');
    await expect.poll(() => fieldValue(page, '.fc-name')).toBe('Coach Kim');
    expect(await comment(page, c!.id).locator(':scope > .fc-comment-main .fc-comment-author').getAttribute('data-text')).toBe('Coach Kim');
    await page.close();
  });
});
