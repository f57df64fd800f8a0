/**
 * A key changed on the settings page works at once in a tab that was already open over a
 * video, with no reload: Next frame rebound from `.` to `n` in the keybindings editor, then
 * `n` steps exactly one frame in the video tab, `.` no longer does (it reaches the page), and
 * the tooltips and the palette show the new key. Reset all brings `.` back, live too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile, frameStart, readBarcode } from './barcode';
import { goToFrame, openCase } from './drawing-helpers';
import { waitForEditor } from './comments-helpers';
import type { FixtureServer, LaunchedBrowser } from './harness';
import { newComment } from '../../utils/model/create';
import { hostData, waitIdle } from './overlay';
import { seedRecords } from './seed';
import { useBrowser } from './session';

const CLIP = clipByFile('vp9-30.webm');

let server: FixtureServer;
let browser: LaunchedBrowser;
const newPage = useBrowser((s, b) => {
  server = s;
  browser = b;
});

const tooltip = (page: Page, id: string) =>
  page.evaluate((cmd) => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector(`[data-command="${cmd}"]`)?.getAttribute('title') ?? null, id);

/** Records the keys that reach the page (its own `keydown` listener) for `pageKeydowns`. */
function recordPageKeys(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { keys: string[] };
    w.keys = [];
    window.addEventListener('keydown', (e) => w.keys.push(e.key));
  });
}

/** Opens the settings page in a tab of its own. */
async function openOptions(): Promise<Page> {
  const options = await newPage();
  await options.goto(`${browser.origin}/options.html`);
  return options;
}

/** Imports a keybindings.json (its text, or rules to write as JSON) on the settings page. */
function importKeybindings(options: Page, file: string | object[]): Promise<void> {
  const text = typeof file === 'string' ? file : JSON.stringify(file);
  return options.getByTestId('keybindings-file').setInputFiles({ name: 'keybindings.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Reset all, confirmed, on the settings page. */
async function resetAll(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Reset all…' }).click();
  await options.getByRole('button', { name: 'Yes, reset all' }).click();
}

async function pageKeydowns(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { keys: string[] }).keys);
}

describe('keybindings apply live', () => {
  it('Next frame rebound to N on the settings page steps the already open video tab, without a reload', async () => {
    const video = await newPage();
    await openCase(video, server, CLIP, 'live-keys');
    await goToFrame(video, CLIP, 20);
    await recordPageKeys(video);
    expect(await tooltip(video, 'frame.next')).toBe('Next frame (.)');

    const options = await openOptions();
    await options.getByRole('button', { name: 'Change key . of Next frame', exact: true }).click();
    await options.keyboard.press('n');
    await expect.poll(() => options.getByTestId('key-capture').textContent()).toBe('N');
    await options.keyboard.press('Enter');
    await expect.poll(() => options.locator('tr[data-command="frame.next"] td.kb-key kbd').allTextContents()).toEqual(['N']);

    await video.bringToFront();
    // The open tab hears of it (the overlay's hints say N) with no reload.
    await expect.poll(() => tooltip(video, 'frame.next'), { timeout: 5_000 }).toBe('Next frame (N)');
    for (let i = 1; i <= 3; i++) {
      await video.keyboard.press('n');
      await waitIdle(video);
      expect(await readBarcode(video)).toBe(20 + i);
    }
    expect(await pageKeydowns(video)).toEqual([]);
    // `.` is the page's again: nothing steps, and the page sees the key.
    await video.keyboard.press('.');
    await video.waitForTimeout(300);
    await waitIdle(video);
    expect(await readBarcode(video)).toBe(23);
    expect(await pageKeydowns(video)).toEqual(['.']);
    // The palette lists the key in force.
    await video.keyboard.press('p');
    await video.keyboard.type('next frame');
    await expect
      .poll(() => video.evaluate(() => {
        const row = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-palette-row');
        return row ? `${row.querySelector('.fc-palette-label')!.textContent} ${row.querySelector('.fc-palette-keys')!.textContent}` : null;
      }))
      .toBe('Next frame N');
    await video.keyboard.press('Escape');

    // Reset all on the settings page: `.` steps again, live.
    await options.bringToFront();
    await resetAll(options);
    await expect.poll(() => options.locator('tr[data-command="frame.next"] td.kb-key kbd').allTextContents()).toEqual(['.']);
    await video.bringToFront();
    await expect.poll(() => tooltip(video, 'frame.next'), { timeout: 5_000 }).toBe('Next frame (.)');
    await video.keyboard.press('.');
    await waitIdle(video);
    expect(await readBarcode(video)).toBe(24);
    expect(await video.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });

  it('a keybindings.json rule with "args" (a speed) works in the open tab at once; the table says what it gives', async () => {
    const video = await newPage();
    await openCase(video, server, CLIP, 'live-args');
    await waitIdle(video);
    const options = await openOptions();
    const file = '[\n  // a quarter speed on Alt+Q\n  { "key": "alt+q", "command": "playback.setSpeed", "args": 0.25 },\n]\n';
    await importKeybindings(options, file);
    await expect.poll(() => options.locator('tr[data-command="playback.setSpeed"] td.kb-key').textContent()).toBe('Alt+Q with 0.25');

    await video.bringToFront();
    await expect.poll(async () => {
      await video.keyboard.press('Alt+Q');
      return video.$eval('video', (v: HTMLVideoElement) => v.playbackRate);
    }, { timeout: 5_000 }).toBe(0.25);
    await expect.poll(() => video.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-speed')?.textContent)).toBe('0.25x');

    await options.bringToFront();
    await resetAll(options);
    await expect.poll(() => options.locator('tr[data-command="playback.setSpeed"] td.kb-key').textContent()).toBe('No key');
  });

  it('rules on the context no built-in key reads work: X steps when paused and pauses when playing; Alt+X collapses the panel only from inside it', async () => {
    const video = await newPage();
    await openCase(video, server, CLIP, 'live-when');
    await goToFrame(video, CLIP, 20);
    const options = await openOptions();
    const rules = [
      { key: 'x', command: 'frame.next', when: 'paused' },
      { key: 'x', command: 'playback.toggle', when: '!paused' },
      { key: 'alt+x', command: 'comment.collapsePanel', when: 'panelFocus' },
    ];
    await importKeybindings(options, rules);
    await expect.poll(() => options.locator('tr[data-command="comment.collapsePanel"] td.kb-key').textContent()).toContain('Alt+X');

    await video.bringToFront();
    await expect.poll(() => tooltip(video, 'frame.next'), { timeout: 5_000 }).toContain('X');
    // Paused: X is Next frame.
    await video.keyboard.press('x');
    await waitIdle(video);
    expect(await readBarcode(video)).toBe(21);
    // Playing (the toolbar shows Pause): X pauses.
    await video.evaluate(() => void document.querySelector('video')!.play());
    const showsPause = () =>
      video.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('[data-command="playback.toggle"] path')?.getAttribute('d')?.startsWith('M6 4h4') ?? false);
    await expect.poll(showsPause, { timeout: 5_000 }).toBe(true);
    await video.keyboard.press('x');
    await expect.poll(() => video.evaluate(() => document.querySelector('video')!.paused), { timeout: 5_000 }).toBe(true);

    // Alt+X with the focus on the page does nothing to the panel; from a button of the panel it collapses it.
    await video.keyboard.press('Shift+C');
    const collapsed = () => video.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-comments')?.classList.contains('fc-collapsed') ?? null);
    await expect.poll(collapsed).toBe(false);
    await video.keyboard.press('Alt+x');
    await new Promise((done) => setTimeout(done, 300));
    expect(await collapsed()).toBe(false);
    await video.evaluate(() => (document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-comments [data-command="comment.dockPanel"]') as HTMLElement).focus());
    await video.keyboard.press('Alt+x');
    await expect.poll(collapsed).toBe(true);

    await options.bringToFront();
    await resetAll(options);
    await expect.poll(() => options.locator('tr[data-command="comment.collapsePanel"] td.kb-key').textContent()).toBe('No key');
  });

  it("rules on the comment editor and on a packet's layer: Alt+U steps only while a comment is being written (the focus on its buttons), Alt+J steps forward while another author's layer shows and back once it is hidden", async () => {
    const video = await newPage();
    await openCase(video, server, CLIP, 'live-when-layer');
    // A comment of another author's on this video (as an imported packet leaves it): their layer shows.
    const videoId = (await hostData(video)).videoId!;
    const coach = { id: 'coach-ana-installation', name: 'Coach Ana' };
    await seedRecords(browser.background!, [newComment({ videoId, author: coach, now: 1_700_000_000_000, time: frameStart(CLIP, 10), frame: 10, text: 'Hips level', id: 'live-ana-1' })], { id: videoId, url: video.url(), fps: CLIP.fps! });
    await video.reload();
    await expect.poll(async () => (await hostData(video)).comments, { timeout: 10_000 }).toBe('1');
    await recordPageKeys(video);
    await goToFrame(video, CLIP, 20);
    const options = await openOptions();
    const rules = [
      { key: 'alt+u', command: 'frame.next', when: 'editorOpen' },
      { key: 'alt+j', command: 'frame.next', when: 'packetLayerShown' },
      { key: 'alt+j', command: 'frame.previous', when: '!packetLayerShown' },
    ];
    await importKeybindings(options, rules);
    const altJRows = () => options.locator('tr[data-command="frame.previous"] td.kb-key', { hasText: 'Alt+J' }).count();
    await expect.poll(altJRows).toBe(1);

    await video.bringToFront();
    await expect.poll(() => tooltip(video, 'frame.previous'), { timeout: 5_000 }).toContain('Alt+J');
    const stepTo = async (key: string, want: number) => {
      const keysBefore = (await pageKeydowns(video)).length;
      await video.keyboard.press(key);
      // Failing, it says where the key went: to the page (no rule took it), and what had the focus.
      const where = async () => {
        const focus = await video.evaluate(() => {
          const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
          const el = root.activeElement ?? document.activeElement;
          return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent?.slice(0, 30) ?? ''}"` : 'none';
        });
        const { message, busy, trail } = await hostData(video);
        return `; keys the page got: ${JSON.stringify((await pageKeydowns(video)).slice(keysBefore))}, focus ${focus}, busy ${busy}, message ${JSON.stringify(message)}; trail ${trail}`;
      };
      await expect
        .poll(() => readBarcode(video), { timeout: 5_000 })
        .toBe(want)
        .catch(async (err: unknown) => {
          throw new Error(`${key} to frame ${want}: ${String(err).split('\n')[0]}${await where()}`);
        });
      await waitIdle(video);
    };
    // Coach Ana's layer shows: Alt+J is Next frame.
    await stepTo('Alt+j', 21);
    // No comment being written: Alt+U is no command here and reaches the page.
    const before = (await pageKeydowns(video)).length;
    await video.keyboard.press('Alt+u');
    await expect.poll(async () => (await pageKeydowns(video)).slice(before).join(' ')).toContain('u');
    expect(await readBarcode(video)).toBe(21);

    // Writing a comment, the focus moved from its box to its buttons (Tab): Alt+U steps; the comment stays open with its words.
    await video.keyboard.press('c');
    await video.keyboard.type('shin vertical');
    const editor = () => video.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.value ?? null);
    await expect.poll(editor, { timeout: 5_000 }).toBe('shin vertical');
    // Once the box has the focus, as the coach sees it: a Tab pressed in the moment before it
    // does stays in the box (seen here 1 run in 5).
    await waitForEditor(video);
    await video.keyboard.press('Tab');
    await expect.poll(() => video.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.activeElement?.tagName ?? null)).toBe('BUTTON');
    await stepTo('Alt+u', 22);
    expect(await editor()).toBe('shin vertical');
    await video.keyboard.press('Escape');
    await expect.poll(editor).toBe(null);

    // Coach Ana's layer hidden with its button in the panel (open since `c`): Alt+J is Previous frame.
    const layer = video.locator(`framecoach-overlay .fc-layer[data-layer="${coach.id}"]`);
    await layer.click();
    await expect.poll(() => layer.getAttribute('aria-pressed')).toBe('false');
    await stepTo('Alt+j', 21);

    await options.bringToFront();
    await resetAll(options);
    await expect.poll(altJRows).toBe(0);
  });

  it('the three global commands are registered as extension shortcuts of the browser, with their keys', async () => {
    const shortcuts = await browser.background!.evaluate(async () =>
      (await (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> } } }).chrome.commands.getAll())
        .filter((c) => c.name !== '_execute_action')
        .map((c) => `${c.name}=${c.shortcut}`)
        .sort(),
    );
    expect(shortcuts).toEqual(['open-library=Alt+Shift+L', 'open-palette=Alt+Shift+O', 'toggle-overlay=Alt+Shift+H']);
  });
});
