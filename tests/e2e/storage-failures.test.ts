/**
 * When saving fails, nothing the coach typed is lost: a full disk (the browser's
 * QuotaExceededError on a write) and a database that can't be opened each get a message in
 * the panel, the text stays in the editor, and FrameCoach recovers once the cause is gone.
 * The failures are made where the browser makes them: the extension's background's IndexedDB
 * calls throw what the browser throws (patched by the test in Chromium's service worker, and in
 * Firefox's background page, reached from another page of the add-on).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { commentCount, listed, ready, showPanel, typeText, waitForCount, waitForEditor } from './comments-helpers';
import { fixtureUrl, type FixtureServer, type LaunchedBrowser } from './harness';
import { waitForOverlay } from './overlay';
import { ui } from './packet-helpers';
import { useBrowser } from './session';
import { RETRY_MAX_MS } from '../../utils/annotations/follow-video';

let server: FixtureServer;
let browser: LaunchedBrowser;
const newPage = useBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Makes the background's IndexedDB `method` on `proto` throw a DOMException named `name`, or restores it (name null). */
function breakIndexedDb(proto: 'IDBObjectStore' | 'IDBFactory', method: 'put' | 'open', name: string | null): Promise<void> {
  return browser.background!.evaluate(
    ([proto, method, name]) => {
      // Chromium runs this in the service worker itself; Firefox in a page of the add-on, whose
      // background page (MV2, persistent) is another window of the same process.
      const extension = (globalThis as unknown as { browser?: { extension?: { getBackgroundPage?(): unknown } } }).browser?.extension;
      const realm = ((extension?.getBackgroundPage?.() as typeof globalThis | null) ?? globalThis) as unknown as Record<string, { prototype: Record<string, unknown> }> & {
        DOMException: typeof DOMException;
        __fcOriginal?: Record<string, unknown>;
      };
      const target = realm[proto]!.prototype;
      realm.__fcOriginal ??= {};
      const key = `${proto}.${method}`;
      realm.__fcOriginal[key] ??= target[method];
      target[method] = name
        ? () => {
            throw new realm.DOMException('simulated by the test', name);
          }
        : realm.__fcOriginal[key];
    },
    [proto, method, name] as const,
  );
}

const editorText = (page: Page) => ui(page, '.fc-editor .fc-textarea').getAttribute('data-value');
const panelError = (page: Page) => ui(page, '.fc-editor-error').first().textContent({ timeout: 5_000 });

/** `c`, the text typed, Enter: the save that is meant to fail. */
async function typeComment(page: Page, text: string): Promise<void> {
  await page.keyboard.press('c');
  await waitForEditor(page);
  await typeText(page, text);
  await page.keyboard.press('Enter');
}

/** The comments listed after a reload (what was durable). */
async function listedAfterReload(page: Page): Promise<string[]> {
  await page.reload();
  await ready(page);
  await showPanel(page);
  return (await listed(page)).map((c) => c.text);
}

async function openVideo(name: string): Promise<Page> {
  const page = await newPage();
  await page.goto(fixtureUrl(server, 'plain.html', { clip: 'vp9-25.webm', case: name }));
  return page;
}

describe('nothing typed is lost when saving fails', () => {
  it('a database that fails to open: a message, the text kept, and it recovers by itself once it opens', async () => {
    // Before anything has opened the database in this profile.
    await breakIndexedDb('IDBFactory', 'open', 'UnknownError');
    let page: Page;
    try {
      page = await openVideo('db-open');
      await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 2);
      // FrameCoach is over the video (on a busy machine a while after the video's first frame): Shift+C is its key.
      await waitForOverlay(page);
      await showPanel(page);
      await expect.poll(() => ui(page, '.fc-comments').textContent()).toContain('Comments and drawings are unavailable');
      await typeComment(page, 'Knee pain after 5 km');
      await expect.poll(() => panelError(page)).toContain('Your text is kept');
      expect(await editorText(page)).toBe('Knee pain after 5 km');
    } finally {
      // Whatever happened, the database opens again (the next test needs it).
      await breakIndexedDb('IDBFactory', 'open', null);
    }
    // FrameCoach looks again by itself (the video is paused: no event would make it), after a
    // wait that doubled while the database was failing: up to RETRY_MAX_MS on a slow machine
    // (CI once took longer than the 15 s ready() gives).
    await ready(page, RETRY_MAX_MS + 5_000);
    // The load error goes; the editor still holds the text.
    await expect.poll(() => ui(page, '.fc-comments').textContent()).not.toContain('unavailable');
    expect(await editorText(page)).toBe('Knee pain after 5 km');
    await page.keyboard.press('Enter');
    await waitForCount(page, 1, 10_000);
    expect(await listedAfterReload(page)).toEqual(['Knee pain after 5 km']);
  });

  it('a full disk: the message says so, the text stays in the editor, and Enter saves it once there is room', async () => {
    const page = await openVideo('full-disk');
    await ready(page);
    await showPanel(page);
    const before = await commentCount(page);
    await breakIndexedDb('IDBObjectStore', 'put', 'QuotaExceededError');
    try {
      await typeComment(page, 'Left hip drops at strike');
      await expect.poll(() => panelError(page)).toContain('Your disk is full');
      expect(await editorText(page)).toBe('Left hip drops at strike');
      expect(await commentCount(page)).toBe(before);
    } finally {
      await breakIndexedDb('IDBObjectStore', 'put', null);
    }
    await page.keyboard.press('Enter');
    await waitForCount(page, before + 1);
    expect(await listedAfterReload(page)).toContain('Left hip drops at strike');
  });
});
