/**
 * Comment helpers for the e2e tests: the coach's actions (step, `c`, type, Enter) and what
 * the panel shows, read from the overlay's open shadow root.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { frameMiddle, readBarcode, seekAndRead, type ClipInfo } from './barcode';
import { fixtureUrl, type FixtureServer, type LaunchedBrowser } from './harness';
import { hostData, waitForOverlay, waitForVideoReady, waitIdle, type Target } from './overlay';

export interface Listed {
  id: string;
  text: string;
  place: string;
}

/** Opens plain.html with `clip`, waits for the overlay, a frame and the loaded comments. */
export async function openClip(browser: Pick<LaunchedBrowser, 'newPage'>, server: FixtureServer, clip: ClipInfo): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(fixtureUrl(server, 'plain.html', { clip: clip.file }));
  await ready(page);
  return page;
}

/** After a load or reload: overlay attached, video has a frame, comments loaded (within `timeout` ms). */
export async function ready(page: Page, timeout = 15_000): Promise<void> {
  await waitForOverlay(page);
  await waitForVideoReady(page);
  await page.waitForFunction(
    () => {
      const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
      return !!host && !!host.dataset.videoId && host.dataset.comments !== undefined;
    },
    undefined,
    { timeout },
  );
}

export async function commentCount(page: Page): Promise<number> {
  return Number((await hostData(page)).comments);
}

/** Waits until the host reports `n` comments and no save in flight. */
export async function waitForCount(page: Page, n: number, timeout = 5_000): Promise<void> {
  await page
    .waitForFunction(
      (want) => {
        const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
        return host?.dataset.comments === String(want) && host.dataset.saving === 'false';
      },
      n,
      { timeout, polling: 10 },
    )
    .catch(async (error: unknown) => {
      // Where the words went: still in the box (Enter lost), saved late, or gone.
      const { comments, saving, busy, message, trail } = await hostData(page);
      const open = await editorOpen(page);
      const value = open ? await editorValue(page).catch((e: unknown) => `(unreadable: ${String(e)})`) : null;
      const texts = (await listed(page)).map((c) => c.text);
      throw new Error(
        `${n} comments not reached: ${comments} (saving ${saving}, busy ${busy}, message ${JSON.stringify(message)}); ` +
          `editor ${open ? `open with ${JSON.stringify(value)}` : 'closed'}; listed ${JSON.stringify(texts)}; trail ${trail}: ${String(error).split('\n')[0]}`,
      );
    });
}

/** Puts frame `k` on screen the way a coach does: land on k-1, then press `.`. */
export async function stepTo(page: Page, clip: ClipInfo, k: number): Promise<void> {
  const before = await seekAndRead(page, frameMiddle(clip, k - 1));
  expect(before.index).toBe(k - 1);
  await waitIdle(page);
  await page.keyboard.press('.');
  await waitIdle(page);
  expect(await readBarcode(page)).toBe(k);
}

/**
 * The private text fields (frames of FrameCoach's own origin, components/overlay/private-field.tsx)
 * tell a test build what they hold (`data-value`), whether they have loaded (`data-ready`) and
 * have the focus (`data-focused`); `selector` is the field's in the overlay.
 */
export async function waitFieldFocused(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (s) => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>(s)?.dataset.focused === 'true',
    selector,
    { timeout: 5_000, polling: 10 },
  );
}

/** What a private text field holds (null: no such field). */
export async function fieldValue(page: Target, selector: string): Promise<string | null> {
  return page.evaluate((s) => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>(s)?.dataset.value ?? null, selector);
}

/** As a coach fills a field: a click on it, select all, type `text` over it ('' deletes it). */
export async function fillField(page: Page, selector: string, text: string): Promise<void> {
  // Once it has loaded (its placeholder shows): a click on a frame still loading is lost. (The
  // panel's search and name are painted text until clicked: the click makes the frame.)
  await page.waitForFunction(
    (s) => {
      const field = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>(s);
      return field?.dataset.ready === 'true' || !!field?.matches('.fc-field-idle');
    },
    selector,
    { timeout: 5_000, polling: 20 },
  );
  await page.locator(`framecoach-overlay ${selector}`).click();
  await waitFieldFocused(page, selector);
  await page.keyboard.press('ControlOrMeta+a');
  if (text) await typeText(page, text);
  else await page.keyboard.press('Backspace');
  // The field says what it holds through a message from its frame: on a machine running two
  // suites at once, more than the poll's default second (a round beside another copy: '' after 1 s).
  await expect.poll(() => fieldValue(page, selector), { timeout: 5_000 }).toBe(text);
}

/** Waits until the comment editor's text field has the focus. */
export const waitForEditor = (page: Page) => waitFieldFocused(page, '.fc-editor .fc-textarea');

/** What the comment editor's text field holds. */
export const editorValue = (page: Target) => fieldValue(page, '.fc-editor .fc-textarea');

export async function editorOpen(page: Page): Promise<boolean> {
  return page.evaluate(
    () => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-editor'),
  );
}

/** Types text into the focused editor; '\n' becomes Shift+Enter (a new line). */
export async function typeText(page: Page, text: string): Promise<void> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.keyboard.press('Shift+Enter');
    if (lines[i]) await page.keyboard.type(lines[i]!);
  }
}

/** `c`, type, Enter; waits for the durable save (count + 1, editor closed). */
export async function addCommentHere(page: Page, text: string): Promise<void> {
  const n = await commentCount(page);
  await page.keyboard.press('c');
  await waitForEditor(page);
  await typeText(page, text);
  await page.keyboard.press('Enter');
  await waitForCount(page, n + 1);
  await page.waitForFunction(
    () => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-editor'),
    undefined,
    { timeout: 5_000 },
  );
}

/** The top-level comments the panel lists, in order. */
export async function listed(page: Target): Promise<Listed[]> {
  return page.evaluate(() => {
    const root = document.querySelector('framecoach-overlay')?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll('li.fc-comment')].map((li) => ({
      id: (li as HTMLElement).dataset.commentId ?? '',
      text: li.querySelector(':scope > .fc-comment-main .fc-comment-text')?.getAttribute('data-text') ?? '',
      place: li.querySelector(':scope > .fc-comment-main .fc-comment-place')?.textContent ?? '',
    }));
  });
}

export async function panelOpen(page: Target): Promise<boolean> {
  return page.evaluate(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments'));
}

/** Opens the comments panel with Shift+C if it is closed. */
export async function showPanel(page: Page): Promise<void> {
  if (await panelOpen(page)) return;
  await page.keyboard.press('Shift+C');
  await page.waitForFunction(
    () => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments .fc-comment-list, .fc-comments .fc-empty'),
    undefined,
    { timeout: 5_000 },
  );
}

/**
 * Types the name for comments in the panel and leaves the field with Tab (which saves it). The
 * name field is the overlay's last control, so Tab takes the focus out of the page, to the
 * browser's own controls: as a coach would, the test clicks the page's heading to come back
 * before the next key (a key sent to an unfocused page still reaches it, but no frame in it can
 * take the focus, the comment box's included).
 */
export async function typeName(page: Page, name: string): Promise<void> {
  await showPanel(page);
  await fillField(page, '.fc-name', name);
  await page.keyboard.press('Tab');
  await page.locator('h1').click();
}

/** Waits until the panel lists a comment whose text is `text`. */
export async function waitForListed(page: Page, text: string, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const root = document.querySelector('framecoach-overlay')?.shadowRoot;
      return [...(root?.querySelectorAll('li.fc-comment .fc-comment-text') ?? [])].some((e) => e.getAttribute('data-text') === want);
    },
    text,
    { timeout, polling: 10 },
  );
}

export function comment(page: Page, id: string) {
  return page.locator(`framecoach-overlay li.fc-comment[data-comment-id="${id}"]`);
}

/** The texts of a comment's replies, in order (as the panel shows them: see private-text.tsx). */
export async function replyTexts(page: Page, id: string): Promise<string[]> {
  return page.evaluate(
    (commentId) => {
      const li = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector(`li.fc-comment[data-comment-id="${commentId}"]`);
      return [...(li?.querySelectorAll('.fc-replies li.fc-reply .fc-comment-text') ?? [])].map((e) => e.getAttribute('data-text') ?? '');
    },
    id,
  );
}
