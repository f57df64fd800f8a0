/**
 * Packet helpers for the e2e tests: the send dialog over a video (Shift+E, type, Save), the
 * library page (import by the file picker or by dropping a file on it, preview, confirm,
 * open a video from the inbox), and raw reads of the extension's database.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { fillField, ready, waitFieldFocused } from './comments-helpers';
import { REPO_ROOT, type ExtensionRealm, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';

export const ui = (page: Page, selector: string) => page.locator(`framecoach-overlay ${selector}`);

/** With E2E_SHOTS set, saves a screenshot to test-results/<name>.png (to look at the UI). */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: join(REPO_ROOT, 'test-results', `${name}.png`), fullPage: true });
}

/** Shift+E, fills To and Message, Save packet: the file the browser downloads, saved into `dir`. */
export async function sendPacket(page: Page, dir: string, fields: { to?: string; message?: string } = {}): Promise<{ path: string; name: string; text: string }> {
  await page.keyboard.press('Shift+E');
  // The To field has the focus (a private field, a frame: comments-helpers.ts).
  await waitFieldFocused(page, '.fc-send .fc-send-to');
  if (fields.to !== undefined) await fillField(page, '.fc-send .fc-send-to', fields.to);
  if (fields.message !== undefined) await fillField(page, '.fc-send .fc-send-message', fields.message);
  const download = page.waitForEvent('download', { timeout: 10_000 });
  await ui(page, '.fc-send button[type=submit]').click();
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  await expect.poll(() => ui(page, '.fc-send .fc-send-file').textContent()).toBe(file.suggestedFilename());
  return { path, name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Runs `body` with a browser on the profile in `dir` (kept between runs: a restart), closing it after. */
export async function withProfile<T>(dir: string, body: (b: LaunchedBrowser) => Promise<T>): Promise<T> {
  const browser = await launchTestBrowser({ userDataDir: dir });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** Opens `url` in a new tab of `b` and waits until FrameCoach is ready on its video. */
export async function openVideoAt(b: LaunchedBrowser, url: string): Promise<Page> {
  const page = await b.newPage();
  await page.goto(url);
  await ready(page);
  return page;
}

export async function openLibrary(b: LaunchedBrowser): Promise<Page> {
  const page = await b.newPage();
  await page.goto(`${b.origin}/library.html`);
  await page.getByRole('heading', { name: 'FrameCoach library' }).waitFor();
  return page;
}

/** Picks `path` in the library's file picker and waits for the preview (or the refusal). */
export async function chooseFile(library: Page, path: string): Promise<void> {
  const chooser = library.waitForEvent('filechooser');
  await library.getByRole('button', { name: 'Import a packet…' }).click();
  await (await chooser).setFiles(path);
  await library.locator('[data-testid=import-preview], [data-testid=import-error]').first().waitFor();
}

/** Drops `path` on the library page, as a file dragged from the desktop. */
export async function dropFile(library: Page, path: string): Promise<void> {
  const transfer = await library.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      return dt;
    },
    { name: basename(path), text: readFileSync(path, 'utf8') },
  );
  await library.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await library.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await library.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await library.locator('[data-testid=import-preview], [data-testid=import-error]').first().waitFor();
}

/** Import in the preview; waits for "Imported". */
export async function confirmImport(library: Page): Promise<void> {
  await library.getByTestId('import-confirm').click();
  await library.getByTestId('import-done').waitFor();
}

/** The preview's count for a category and change ('' when none). */
export async function previewCount(library: Page, category: string, change: string): Promise<string> {
  const cell = library.locator(`[data-testid=import-preview] tr[data-category=${category}] td[data-change=${change}]`).first();
  return (await cell.count()) ? ((await cell.textContent()) ?? '') : '';
}

/** Clicks "Open video" on the inbox entry from `sender` and returns the tab it opens, ready. */
export async function openFromInbox(b: LaunchedBrowser, library: Page, senderText: RegExp): Promise<Page> {
  const entry = library.locator('li.lib-packet[data-direction=received]').filter({ hasText: senderText }).first();
  const page = await b.nextPage(() => entry.getByRole('button', { name: 'Open video' }).click());
  await ready(page);
  return page;
}

/** Every annotation in the extension's database, read raw by its service worker. */
export function storedAnnotations(worker: ExtensionRealm): Promise<{ id: string; version: number; deleted: boolean; text?: string; author: { id: string } }[]> {
  return worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const q = indexedDB.open('framecoach');
        q.onerror = () => reject(q.error);
        q.onsuccess = () => {
          const req = q.result.transaction('annotations').objectStore('annotations').getAll();
          req.onsuccess = () => {
            q.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
