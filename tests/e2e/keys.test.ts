/**
 * Keys as a page sees them: typing in fields is never a command, a handled key is kept
 * from the page (keydown, keypress and keyup), Shift+H hands every key back to the page,
 * and `?` shows the shortcuts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './session';
import { CLIPS, frameMiddle, readBarcode, seekAndRead } from './barcode';
import { fixtureUrl, type FixtureServer } from './harness';
import { waitForOverlay, waitForVideoReady, waitIdle, measureRate } from './overlay';

/** The fixture pages' default clip. */
const CLIP = CLIPS.find((c) => c.file === 'h264-29.97.mp4')!;
/** How long a negative (something must NOT happen) is watched for. */
const NEGATIVE_MS = 400;

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

/** Opens a fixture page with the overlay attached and the video ready. */
async function open(name: string): Promise<Page> {
  const page = await newPage();
  await page.goto(fixtureUrl(server, name));
  await waitForOverlay(page);
  await waitForVideoReady(page);
  return page;
}

/** Puts the video on frame k (paused) and returns the barcode shown. */
async function showFrame(page: Page, k: number): Promise<number> {
  return (await seekAndRead(page, frameMiddle(CLIP, k))).index;
}

/** The overlay's shadow root: does it hold `selector`? */
function inShadow(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    (sel) => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector(sel),
    selector,
  );
}

function videoState(page: Page): Promise<{ paused: boolean; seeking: boolean; time: number }> {
  return page.$eval('video', (v: HTMLVideoElement) => ({ paused: v.paused, seeking: v.seeking, time: v.currentTime }));
}

/**
 * Records, in the page, every keydown/keypress/keyup its own listeners get: on window and
 * document, capture and bubble (`type@where:key`). Registered after the content script's.
 */
async function recordPageKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { pageKeys: string[] };
    w.pageKeys = [];
    for (const type of ['keydown', 'keypress', 'keyup']) {
      for (const capture of [true, false]) {
        window.addEventListener(type, (e) => w.pageKeys.push(`${type}@window${capture ? '-capture' : ''}:${(e as KeyboardEvent).key}`), capture);
        document.addEventListener(type, (e) => w.pageKeys.push(`${type}@document${capture ? '-capture' : ''}:${(e as KeyboardEvent).key}`), capture);
      }
    }
  });
}

function pageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys);
}

/** All twelve listener/phase/type combinations a page can see for one press of `key`. */
function allSightings(key: string): string[] {
  const out: string[] = [];
  for (const type of ['keydown', 'keypress', 'keyup']) {
    for (const where of ['window-capture', 'document-capture', 'document', 'window']) out.push(`${type}@${where}:${key}`);
  }
  return out.sort();
}

describe('input.html: keys typed into fields are text, never commands', () => {
  it.each([
    ['#text', 'input'],
    ['#area', 'textarea'],
    ['#editable', 'contenteditable'],
  ])('typing `.,k[]` into %s (%s)', async (selector) => {
    const page = await open('input.html');
    expect(await showFrame(page, 10)).toBe(10);
    const before = await videoState(page);

    await page.click(selector);
    await page.keyboard.type('.,k[]');
    const text = await page.$eval(selector, (el) =>
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el as HTMLElement).innerText,
    );
    expect(text.trim()).toBe('.,k[]');

    // A negative: give a (wrong) step or play time to show.
    await page.waitForTimeout(NEGATIVE_MS);
    const after = await videoState(page);
    expect(after.paused).toBe(true);
    expect(after.seeking).toBe(false);
    expect(after.time).toBe(before.time);
    expect(await readBarcode(page)).toBe(10);
    // `[` and `]` set no loop either.
    expect(await inShadow(page, '.fc-loop')).toBe(false);
    expect(await page.$eval('framecoach-overlay', (h) => (h as HTMLElement).dataset.busy)).toBe('false');
  });
});

describe('a handled key is handled once', () => {
  it("the page's listeners never see keys that ran a command (`.` `,` Shift+→ `<` `=`), but do see an unhandled `x`", async () => {
    const page = await open('plain.html');
    await measureRate(page);
    expect(await showFrame(page, 10)).toBe(10);
    await recordPageKeys(page);

    await page.keyboard.press('.');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);
    await page.keyboard.press(',');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(10);
    await page.keyboard.press('.');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);

    // Other handled keys, pressed the way a person types them (Shift held for < > ?).
    await page.keyboard.press('Shift+ArrowRight');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(21);
    await page.keyboard.press('Shift+Comma'); // <
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).playbackRate === 0.75);
    await page.keyboard.press('=');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).playbackRate === 1);

    await page.keyboard.press('x');
    await page.waitForFunction(() => (window as unknown as { pageKeys: string[] }).pageKeys.some((s) => s === 'keyup@window:x'));
    const seen = await pageKeys(page);
    // Only Shift itself (a bare modifier is never a command) and x reached the page.
    expect(seen.filter((s) => !s.endsWith(':Shift') && !s.endsWith(':x'))).toEqual([]);
    expect(seen.filter((s) => s.endsWith(':x')).sort()).toEqual(allSightings('x'));
    expect(await readBarcode(page)).toBe(21);
  });
});

describe('Shift+H hides FrameCoach and hands the keys back', () => {
  it('hides the panel, lets `.` through to the page without stepping, and shows it again', async () => {
    const page = await open('plain.html');
    await measureRate(page);
    expect(await showFrame(page, 10)).toBe(10);
    await recordPageKeys(page);

    await page.keyboard.press('Shift+H');
    await page.waitForFunction(() => {
      const root = document.querySelector('framecoach-overlay')?.shadowRoot;
      return !!root && !root.querySelector('.fc-panel');
    });
    // The toggle itself was handled: the page saw no H.
    expect((await pageKeys(page)).filter((s) => /:h$/i.test(s))).toEqual([]);

    await page.keyboard.press('.');
    await page.waitForFunction(() => (window as unknown as { pageKeys: string[] }).pageKeys.some((s) => s === 'keyup@window:.'));
    expect((await pageKeys(page)).filter((s) => s.endsWith(':.')).sort()).toEqual(allSightings('.'));
    // A negative: the frame must not change.
    await page.waitForTimeout(NEGATIVE_MS);
    expect(await readBarcode(page)).toBe(10);
    expect((await videoState(page)).seeking).toBe(false);

    await page.keyboard.press('Shift+H');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-panel'));
    const sightingsOfDot = (await pageKeys(page)).filter((s) => s.endsWith(':.')).length;
    await page.keyboard.press('.');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);
    expect((await pageKeys(page)).filter((s) => s.endsWith(':.')).length).toBe(sightingsOfDot);
  });
});

describe('`?` shows the keyboard shortcuts', () => {
  it('lists the commands with their keys, and Escape closes it', async () => {
    const page = await open('plain.html');
    expect(await inShadow(page, '.fc-help')).toBe(false);
    await page.keyboard.press('?');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));

    const rows = await page.evaluate(() => {
      const help = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-help')!;
      return Object.fromEntries(
        [...help.querySelectorAll('tr')].map((tr) => [
          tr.querySelector('td')?.textContent?.trim() ?? '',
          [...tr.querySelectorAll('kbd')].map((k) => k.textContent?.trim() ?? ''),
        ]),
      ) as Record<string, string[]>;
    });
    expect(rows).toMatchObject({
      'Next frame': ['.'],
      'Previous frame': [','],
      'Forward 10 frames': ['Shift+→'],
      'Back 10 frames': ['Shift+←'],
      'Play / pause': ['K'],
      Slower: ['<'],
      Faster: ['>'],
      'Normal speed': ['='],
      'Set loop start (A)': ['['],
      'Set loop end (B)': [']'],
      'Clear loop': ['\\'],
      'Show / hide FrameCoach': ['Shift+H'],
      'Fullscreen with FrameCoach': ['Shift+F'],
      'Keyboard shortcuts': ['?'],
    });
    // Every row has a key.
    for (const [title, keys] of Object.entries(rows)) expect(keys.length, title).toBeGreaterThan(0);

    await recordPageKeys(page);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));
    // The panel is still there: Escape closed only the help, and the page did not see it.
    expect(await inShadow(page, '.fc-panel')).toBe(true);
    expect(await pageKeys(page)).toEqual([]);
    // With the help closed, Escape is the page's again.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (window as unknown as { pageKeys: string[] }).pageKeys.some((s) => s === 'keyup@window:Escape'));
    expect((await pageKeys(page)).filter((s) => s.startsWith('keydown')).length).toBe(4);

    // `?` typed as a person does (Shift+/) opens it too.
    await page.keyboard.press('Shift+Slash');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));
  });
});
