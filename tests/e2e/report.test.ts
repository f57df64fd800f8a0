/**
 * The report, in real Chromium: a video with comments and drawings on several frames; Shift+R,
 * Make report, Save each file; the HTML opened alone in a browser without FrameCoach loads
 * nothing but itself, shows each frame (the barcode read back from its picture) with its
 * drawings in place (pixels), a strict CSP, markup in a comment as text, and the measurements;
 * dropping it on the library imports its packet. Markdown and CSV checked, hostile text
 * included. Then a video from another site (the page can't read it): with tab capture allowed
 * (a test build: a permission prompt can't be answered by a test) the frames come from the
 * tab; in the release build FrameCoach asks for the permission, or makes blank frames with
 * the drawings on them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElementHandle, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyVideo } from '../../utils/identity/video-id';
import { newAck, newComment, newDrawing } from '../../utils/model/create';
import type { Annotation, Author } from '../../utils/model/types';
import { clipByFile, frameMiddle, frameStart, readBarcode, seekAndRead } from './barcode';
import { ready } from './comments-helpers';
import { keepOnFailure } from './drawing-helpers';
import { isFirefox } from './browser';
import { GRANTED_DIR, fixtureUrl, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';
import { waitIdle } from './overlay';
import { ownAuthor, seedRecords } from './seed';
import { chooseFile, confirmImport, dropFile, openLibrary, previewCount, shot, ui } from './packet-helpers';
import { find, openPalette, palette } from './palette-helpers';

const CLIP = clipByFile('vp9-25.webm');
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> =SUM(1,2)';
const ORANGE = '#ff8000';
/** Drawings, normalized to the picture, in a colour the test clip does not have. */
const LINE = { from: { x: 0.1, y: 0.75 }, to: { x: 0.9, y: 0.75 } };
const ANGLE = { a: { x: 0.3, y: 0.35 }, vertex: { x: 0.5, y: 0.65 }, b: { x: 0.75, y: 0.45 } };

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'framecoach-report-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** Comments at frames 12 (markup in it, a line, a reply, an acknowledgement), 30–40 and 50; an angle alone at 70; a stopwatch over 10–15. */
function records(videoId: string, COACH: Author): Annotation[] {
  const t = (k: number) => frameStart(CLIP, k);
  const style = { color: ORANGE, width: 8 };
  const base = { videoId, author: COACH, now: 1_700_000_000_000 };
  const c1 = newComment({ ...base, time: t(12), frame: 12, text: HOSTILE, id: 'r-c1' });
  return [
    c1,
    newComment({ ...base, time: t(30), frame: 30, endTime: t(40), endFrame: 40, text: 'Arms, "relaxed", elbows back', id: 'r-c2' }),
    { ...newComment({ ...base, time: t(50), frame: 50, text: 'Head up', id: 'r-c3' }), resolved: true },
    newComment({ ...base, time: t(12), frame: 12, text: 'and the shin vertical', parentId: 'r-c1', id: 'r-c4' }),
    newAck(c1, { id: 'report-athlete', name: 'Sam' }, 1_700_000_100_000),
    { ...newDrawing({ ...base, time: t(12), frame: 12, shape: { tool: 'line', ...LINE }, style, id: 'r-d1' }), commentId: 'r-c1' },
    newDrawing({ ...base, time: t(70), frame: 70, shape: { tool: 'angle', ...ANGLE }, style, id: 'r-d2' }),
    newDrawing({ ...base, time: t(10), frame: 10, shape: { tool: 'stopwatch', at: { x: 0.55, y: 0.15 }, marks: [{ time: t(10), frame: 10 }, { time: t(15), frame: 15 }] }, style, id: 'r-d3' }),
  ];
}

/** Opens `page` (a fixture) with the clip, with its records in the database (opened once first, so the database exists). */
async function openSeeded(b: LaunchedBrowser, fixture: string, name: string): Promise<Page> {
  const url = fixtureUrl(server, fixture, { clip: CLIP.file, case: name });
  const page = await b.newPage();
  await page.goto(url);
  await ready(page);
  const src = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentSrc);
  const { id } = identifyVideo({ topUrl: url, frameUrl: url, src });
  // The records are this profile's own (as a coach's are on the coach's machine): a packet carries its sender's.
  const author = await ownAuthor(b.background!);
  await seedRecords(b.background!, records(id, { ...author, name: 'Coach Ana' }), { id, url, title: 'Stride, 1 Dec', fps: CLIP.fps! });
  await page.reload();
  await ready(page);
  await expect.poll(async () => (await page.evaluate(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments))).toBe('4');
  return page;
}

/** Shift+R, Make report (or with blank frames), and every file saved: path by extension. */
async function makeReport(page: Page, blank = false): Promise<Record<'html' | 'md' | 'csv', string>> {
  await page.keyboard.press('Shift+R');
  await ui(page, '.fc-report button.fc-make').click();
  if (blank) {
    await ui(page, '.fc-report').getByRole('button', { name: 'Make it with blank frames' }).click();
  }
  await ui(page, '.fc-report .fc-files').waitFor({ timeout: 30_000 });
  const saved: Record<string, string> = {};
  for (const button of await ui(page, '.fc-report button[data-file]').all()) {
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    saved[path.slice(path.lastIndexOf('.') + 1)] = path;
  }
  expect(Object.keys(saved).sort()).toEqual(['csv', 'html', 'md']);
  return saved as Record<'html' | 'md' | 'csv', string>;
}

interface Shown {
  frames: number[];
  texts: string[];
  csp: string | null;
  injected: number;
  title: string;
  measurements: string[];
  notes: string[];
}

/** Opens the saved report alone, in a browser without FrameCoach, recording every request. */
async function openReport(path: string, check: (page: Page, shown: Shown) => Promise<void>): Promise<void> {
  const browser = await launchTestBrowser({ extension: false });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(path).toString();
    await page.goto(url);
    await page.waitForLoadState('load');
    // Nothing but the file itself: no image, font, style or script from anywhere. The listener
    // hears loads (Chromium reports the file, Firefox its inline data: images: both in the file).
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    const shown = await page.evaluate((): Shown => ({
      frames: [...document.querySelectorAll('img[data-frame]')].map((img) => Number((img as HTMLElement).dataset.frame)),
      texts: [...document.querySelectorAll('.entry .text')].map((p) => p.textContent ?? ''),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
      injected: document.querySelectorAll('img[src="x"], main script').length,
      title: document.title,
      measurements: [...document.querySelectorAll('table tbody tr')].map((tr) => tr.textContent ?? ''),
      notes: [...document.querySelectorAll('figcaption.note')].map((n) => n.textContent ?? ''),
    }));
    await shot(page, `shot-report-${shown.notes.length ? 'blank' : 'frames'}`);
    await check(page, shown);
  } finally {
    await browser.close();
  }
}

/** The report's picture `i` as a frame the barcode reader can read (a canvas at the picture's size). */
async function picture(page: Page, i: number): Promise<ElementHandle> {
  const handle = await page.evaluateHandle((n) => {
    const img = document.querySelectorAll('img[data-frame]')[n] as HTMLImageElement;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    c.getContext('2d')!.drawImage(img, 0, 0);
    return Object.assign(c, { readyState: 4, videoWidth: c.width, videoHeight: c.height });
  }, i);
  return handle.asElement()!;
}

/** How many of the points along a segment are the drawings' orange in picture `i`. */
function orangeAlong(page: Page, i: number, from: { x: number; y: number }, to: { x: number; y: number }, samples = 9): Promise<number> {
  return page.evaluate(
    ({ n, from, to, samples }) => {
      const img = document.querySelectorAll('img[data-frame]')[n] as HTMLImageElement;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      let hits = 0;
      for (let k = 0; k < samples; k++) {
        const f = (k + 1) / (samples + 1);
        const x = Math.round((from.x + (to.x - from.x) * f) * c.width);
        const y = Math.round((from.y + (to.y - from.y) * f) * c.height);
        const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
        if (r! > 200 && g! > 80 && g! < 180 && b! < 90) hits++;
      }
      return hits;
    },
    { n: i, from, to, samples },
  );
}

async function checkPictures(page: Page, shown: Shown, where: string): Promise<void> {
  // One picture per entry: the stopwatch's frame (10), the comments' (12, 30, 50), the angle's (70).
  expect(shown.frames, where).toEqual([10, 12, 30, 50, 70]);
  if (shown.notes.length === 0) {
    for (const [i, frame] of shown.frames.entries()) expect(await readBarcode(await picture(page, i)), `${where}: picture ${i}`).toBe(frame);
  }
  // The line on frame 12's picture, the angle's rays on frame 70's; none on frame 50's.
  expect(await orangeAlong(page, 1, LINE.from, LINE.to), `${where}: line`).toBeGreaterThanOrEqual(8);
  expect(await orangeAlong(page, 4, ANGLE.a, ANGLE.vertex), `${where}: angle ray`).toBeGreaterThanOrEqual(7);
  expect(await orangeAlong(page, 4, ANGLE.vertex, ANGLE.b), `${where}: angle ray`).toBeGreaterThanOrEqual(7);
  expect(await orangeAlong(page, 3, LINE.from, LINE.to), `${where}: nothing on frame 50`).toBe(0);
}

describe('a report of a video the page can read', () => {
  it('Shift+R makes it from the frames themselves, and the video comes back to where it was', async () => {
    const b = await launchTestBrowser();
    try {
      const page = await openSeeded(b, 'plain.html', 'report');
      await keepOnFailure(page, 'report-pixels', async () => {
        expect((await seekAndRead(page, frameMiddle(CLIP, 40))).index).toBe(40);
        await waitIdle(page);
        const files = await makeReport(page);
        await shot(page, 'shot-report-dialog');
        expect(await readBarcode(page)).toBe(40);
        expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).paused)).toBe(true);
        expect(await ui(page, '.fc-report .fc-files').textContent()).toMatch(/report-\d{4}-\d{2}-\d{2}\.html\s*\d+ KB/);

        await openReport(files.html, async (report, shown) => {
          expect(shown.csp).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
          expect(shown.title).toBe('Feedback on “Fixture: plain video”'); // the page's title, as the overlay recorded it
          expect(shown.injected).toBe(0);
          expect(shown.texts).toContain(HOSTILE); // shown as text
          expect(shown.measurements.join('\n')).toMatch(/F10 · 00:00:10.*Interval.*200 ms · 5 frames/);
          expect(shown.measurements.join('\n')).toMatch(/F70 · 00:02:20.*Angle.*\d+\.\d°/);
          await checkPictures(report, shown, 'pixel path');
        });

        const md = readFileSync(files.md, 'utf8');
        expect(md).toContain('# Feedback on “Fixture: plain video”');
        expect(md).toMatch(/- \[F12 · 00:00:12\]\(<http:\/\/127\.0\.0\.1:\d+\/pages\/plain\.html\?case=report(?:-try\d)?&clip=vp9-25\.webm>\) \*\*Coach Ana\*\*: \\<img/);
        expect(md).toMatch(/\n  - ✓ Sam, \d{4}-/);
        expect(md).not.toMatch(/(^|[^\\])<(img|script)/);
        const csv = readFileSync(files.csv, 'utf8').split('\r\n');
        expect(csv[0]).toBe('time,frame,timecode,author,kind,text,status,replies,measurement');
        expect(csv.find((row) => row.includes('range comment'))).toContain('"Arms, ""relaxed"", elbows back"');
        expect(csv.find((row) => row.includes(',comment,') && row.includes(',12,'))).toContain(`"${HOSTILE.replace(/"/g, '""')}"`);

        // The report carries the packet: dropped on the library, it imports.
        const library = await openLibrary(b);
        await dropFile(library, files.html);
        expect(await library.getByTestId('import-preview').textContent()).toMatch(/Feedback from/);
        expect(await previewCount(library, 'comments', 'unchanged')).toBe('3');
      });
    } finally {
      await b.close();
    }
  });

  it('the palette alone drives it: open, write, save one file, close (the dialog\'s buttons are these commands)', async () => {
    const b = await launchTestBrowser();
    try {
      const page = await openSeeded(b, 'plain.html', 'report-palette');
      await keepOnFailure(page, 'report-palette', async () => {
        await waitIdle(page);
        const run = async (query: string, title: string) => {
          await openPalette(page);
          await find(page, query, title);
          await page.keyboard.press('Enter');
        };
        await run('make a report', 'Make a report (HTML with the frames, Markdown, CSV)');
        await ui(page, '.fc-report').waitFor();
        // Nothing written yet: saving a file is not offered (its `when`), writing is.
        await openPalette(page);
        await page.keyboard.type('report');
        await expect.poll(async () => (await palette(page)).rows).toContain("Write the report's files (in the report dialog)");
        expect((await palette(page)).rows).not.toContain("Save one of the report's files…");
        await page.keyboard.press('Escape');
        await run('write the report', "Write the report's files (in the report dialog)");
        await ui(page, '.fc-report .fc-files').waitFor({ timeout: 30_000 });
        await run('save one', "Save one of the report's files…");
        await expect.poll(async () => (await palette(page)).rows).toEqual([
          expect.stringMatching(/\.html$/),
          expect.stringMatching(/\.md$/),
          expect.stringMatching(/\.csv$/),
        ]);
        await page.keyboard.type('csv');
        const download = page.waitForEvent('download');
        await page.keyboard.press('Enter');
        const file = await download;
        const path = join(dir, `palette-${file.suggestedFilename()}`);
        await file.saveAs(path);
        expect(readFileSync(path, 'utf8').split('\r\n')[0]).toBe('time,frame,timecode,author,kind,text,status,replies,measurement');
        await expect.poll(() => ui(page, '.fc-report button[data-file$=".csv"]').textContent()).toBe('Saved ✓');
        await run('close the report', 'Close the report dialog');
        await expect.poll(() => ui(page, '.fc-report').count()).toBe(0);
      });
    } finally {
      await b.close();
    }
  });

  it('another profile imports the report with the file picker: every comment and drawing', async () => {
    const html = readdirHtml();
    const b = await launchTestBrowser();
    try {
      const library = await openLibrary(b);
      await chooseFile(library, html);
      expect(await previewCount(library, 'comments', 'new')).toBe('3');
      expect(await previewCount(library, 'drawings', 'new')).toBe('3');
      await confirmImport(library);
    } finally {
      await b.close();
    }
  });
});

function readdirHtml(): string {
  const name = readdirSync(dir).find((f) => f.endsWith('.html'));
  if (!name) throw new Error('no report was saved');
  return join(dir, name);
}

describe('a report of a video from another site', () => {
  // The build with tab capture granted at install (build:granted, and build:granted:firefox).
  it('with tab capture allowed (the permission for every site), its frames come from the tab, exact, with the drawings in place', async () => {
    const b = await launchTestBrowser({ extensionDir: GRANTED_DIR });
    try {
      const page = await openSeeded(b, 'cross-origin.html', 'report-tab');
      await keepOnFailure(page, 'report-tab', async () => {
        const files = await makeReport(page);
        const said = await ui(page, '.fc-report .fc-files').textContent();
        // Firefox lets the content script of an add-on allowed on every site read the other
        // site's pixels itself: no tab capture, the frames come from the video (still exact).
        if (isFirefox) expect(said).not.toMatch(/captured|blank/);
        else expect(said).toMatch(/5 frames were captured from the tab/);
        await openReport(files.html, async (report, shown) => {
          if (isFirefox) expect(shown.notes).toEqual([]);
          await checkPictures(report, shown, isFirefox ? 'read from the video' : 'tab capture');
        });
      });
    } finally {
      await b.close();
    }
  });

  it('in the release build, FrameCoach asks for the permission, or makes blank frames with the drawings on them', async () => {
    const b = await launchTestBrowser();
    try {
      const page = await openSeeded(b, 'cross-origin.html', 'report-blank');
      await keepOnFailure(page, 'report-blank', async () => {
        await page.keyboard.press('Shift+R');
        await ui(page, '.fc-report button.fc-make').click();
        await expect.poll(() => ui(page, '.fc-report [role=alert]').first().textContent()).toMatch(/comes from another site/);
        const permission = await b.nextPage(() => ui(page, '.fc-report').getByRole('button', { name: 'Allow tab capture…' }).click());
        await permission.getByRole('button', { name: 'Allow tab capture' }).waitFor();
        expect(permission.url()).toMatch(/\/permission\.html$/);
        await permission.close();
        await page.keyboard.press('Escape');
        const files = await makeReport(page, true);
        expect(await ui(page, '.fc-report .fc-files').textContent()).toMatch(/5 frames are blank, with the drawings on them/);
        await openReport(files.html, async (report, shown) => {
          expect(shown.notes).toHaveLength(5);
          expect(shown.notes[0]).toMatch(/could not be captured/);
          await checkPictures(report, shown, 'blank frames');
        });
      });
    } finally {
      await b.close();
    }
  });
});
