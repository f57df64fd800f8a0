/**
 * The coach's notes stay private (issue 15), in the release build (npm run build): a page
 * whose first script listens to every event on the window and the document, watches every
 * mutation and reads everything it can reach (tests/fixtures/pages/spy.html). The coach
 * steps, writes, edits and deletes comments (typed, composed with an input method, pasted),
 * names the athlete, draws and labels, with the keyboard and the mouse; the page learns
 * none of the text, none of the readouts, and not where the pointer went on FrameCoach's
 * UI. What the coach sees is read the way DevTools reads it (closed-overlay.ts): the page's
 * scripts have no such way in. In Chromium and in Firefox (whose release build this is there;
 * only the input method is Chromium's: WebDriver BiDi has none).
 */
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { clipByFile, frameMiddle, readBarcode, seekAndRead } from './barcode';
import { closedOverlay, type ClosedOverlay } from './closed-overlay';
import { EXTENSION_DIR, fixtureUrl, type FixtureServer } from './harness';
import { waitForVideoReady } from './overlay';
import { isFirefox } from './browser';
import { useBrowser } from './session';

const CLIP = clipByFile('vp9-25.webm');
// Words that appear nowhere else: if the page's log holds one, it learnt it from FrameCoach.
const COMMENT = 'Left knee caves in at landing, quietly';
const EDIT = 'since the injury';
const COMPOSED = '膝の怪我';
const PASTED = 'tibialis';
const NAME = 'Jordan Okonkwo';
const LABEL = 'shin angle here';
const PALETTE_TEXT = 'edit a comment';

let server: FixtureServer;
const newPage = useBrowser(
  (s) => {
    server = s;
  },
  { extensionDir: EXTENSION_DIR },
);

async function openSpy(): Promise<{ page: Page; overlay: ClosedOverlay }> {
  const page = await newPage();
  // `case`: a test tried again (Firefox) gets a video of its own.
  await page.goto(fixtureUrl(server, 'spy.html', { clip: CLIP.file, case: 'spy' }));
  await page.waitForSelector('framecoach-overlay', { state: 'attached', timeout: 15_000 });
  await waitForVideoReady(page);
  const overlay = await closedOverlay(page);
  await overlay.waitFor((root) => {
    const frame = root.querySelector('.fc-frame');
    return !!root.querySelector('.fc-panel') && !!frame && getComputedStyle(frame).visibility !== 'hidden';
  });
  return { page, overlay };
}

const hudFrame = (overlay: ClosedOverlay) => overlay.read((root) => root.querySelector('.fc-frameno')?.textContent ?? '');
const listedTexts = (overlay: ClosedOverlay) => overlay.read((root) => [...root.querySelectorAll('.fc-comment-text')].map((n) => n.getAttribute('data-text') ?? ''));
const focusedIs = (overlay: ClosedOverlay, selector: string) => overlay.waitFor((root, s) => !!root.activeElement?.matches(s), selector);

/**
 * FrameCoach's text fields are frames of its own origin (private-field.tsx), read here as
 * DevTools reads a frame; the page has no way in. A field is found by its accessible name.
 */
const EDITOR = /^(New comment|Edit comment|Reply)$/;
const LABEL_BOX = /^Label text/;
const NAME_FIELD = /^Your name on comments$/;
async function field(page: Page, label: RegExp = EDITOR): Promise<Frame | undefined> {
  // Asked of each frame (Firefox's WebDriver BiDi names an add-on's frame about:blank).
  for (const frame of page.frames().slice(1).reverse()) {
    const { href, name } = await frame
      .evaluate(() => ({ href: location.href, name: document.querySelector('.field')?.getAttribute('aria-label') ?? '' }))
      .catch(() => ({ href: '', name: '' }));
    if (/\/field\.html#/.test(href) && label.test(name)) return frame;
  }
  return undefined;
}
const fieldValue = async (page: Page, label?: RegExp) => (await (await field(page, label))?.evaluate(() => document.querySelector<HTMLTextAreaElement>('.field')?.value)) ?? null;
async function fieldFocused(page: Page, label?: RegExp): Promise<void> {
  await expect
    .poll(async () => (await (await field(page, label))?.evaluate(() => document.hasFocus() && !!document.activeElement?.matches('.field'))) ?? false, { timeout: 5_000 })
    .toBe(true);
}
const editorFocused = (page: Page) => fieldFocused(page);

/** `c`, and the comment editor has the focus. */
async function newComment(page: Page): Promise<void> {
  await page.keyboard.press('c');
  await editorFocused(page);
}

/** Runs a command from the palette the way a coach does: `p`, its words, Enter. */
async function fromPalette(page: Page, overlay: ClosedOverlay, words: string): Promise<void> {
  await page.keyboard.press('p');
  await focusedIs(overlay, '.fc-palette-input');
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

describe('a page that spies on FrameCoach (release build)', () => {
  it("learns nothing the coach writes, composes, pastes or draws, and none of the readouts", async () => {
    const { page, overlay } = await openSpy();
    expect(await page.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot), 'the shadow root is closed').toBeNull();
    // A click and a key the page itself gets (the key is no command of FrameCoach's): the spy
    // hears both.
    await page.click('h1');
    await page.keyboard.press('q');

    // Step: frame 10, then three frames on; the HUD shows it (to the coach).
    expect((await seekAndRead(page, frameMiddle(CLIP, 10))).index).toBe(10);
    for (let i = 0; i < 3; i++) await page.keyboard.press('.');
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(13);
    await expect.poll(() => hudFrame(overlay), { timeout: 5_000 }).toMatch(/\D13$/);

    // A comment, typed.
    await newComment(page);
    await page.keyboard.type(COMMENT);
    await page.keyboard.press('Enter');
    await overlay.waitFor((root, text) => [...root.querySelectorAll('.fc-comment-text')].some((n) => n.getAttribute('data-text') === text), COMMENT);

    // Edited from the palette: its words typed there, then the text added to the comment.
    await fromPalette(page, overlay, PALETTE_TEXT);
    await page.keyboard.press('Enter'); // the one comment
    await editorFocused(page);
    await page.keyboard.press('End');
    await page.keyboard.type(` ${EDIT}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => listedTexts(overlay), { timeout: 5_000 }).toEqual([`${COMMENT} ${EDIT}`]);

    // A second comment, composed with an input method, then a word pasted into it.
    await page.keyboard.press('.');
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(14);
    await newComment(page);
    if (isFirefox) {
      // WebDriver BiDi has no input method: the words are typed as they are.
      await page.keyboard.type(COMPOSED);
    } else {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'ひざ', selectionStart: 2, selectionEnd: 2 });
      await cdp.send('Input.imeSetComposition', { text: 'ひざの', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.insertText', { text: COMPOSED });
    }
    // The word to paste is copied in another tab (selecting text in FrameCoach's own field is
    // a known leak: see the last test).
    const other = await newPage();
    await other.setContent('<textarea></textarea>');
    await other.click('textarea');
    await other.keyboard.type(PASTED);
    await other.keyboard.press('ControlOrMeta+a');
    await other.keyboard.press('ControlOrMeta+c');
    await page.bringToFront();
    await page.keyboard.type(' ');
    await page.keyboard.press('ControlOrMeta+v');
    const second = `${COMPOSED} ${PASTED}`;
    await expect.poll(() => fieldValue(page), { timeout: 5_000 }).toBe(second);
    await page.keyboard.press('Enter');
    await expect.poll(() => listedTexts(overlay), { timeout: 5_000 }).toContain(second);

    // The athlete's name, typed into the panel's field.
    const nameField = await overlay.rectOf('.fc-name');
    await page.mouse.click(nameField.x + nameField.width / 2, nameField.y + nameField.height / 2);
    await fieldFocused(page, NAME_FIELD);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(NAME);
    await expect.poll(() => fieldValue(page, NAME_FIELD)).toBe(NAME);
    // Kept as the focus leaves it: a click on the page's heading.
    await page.click('h1');

    // A line and a label on the picture.
    await page.keyboard.press('Escape');
    const picture = await overlay.rectOf('.fc-frame');
    const at = (x: number, y: number) => ({ x: picture.x + x * picture.width, y: picture.y + y * picture.height });
    await page.keyboard.press('Alt+l');
    const from = at(0.3, 0.3);
    const to = at(0.6, 0.7);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.press('Alt+t');
    const where = at(0.7, 0.2);
    await page.mouse.click(where.x, where.y);
    await fieldFocused(page, LABEL_BOX);
    await page.keyboard.type(LABEL);
    await page.keyboard.press('Enter');
    // The next key once the box has gone (a key pressed as its frame goes can be lost in it: Firefox, once).
    await overlay.waitFor((root) => !root.querySelector('.fc-text-input'));
    await page.keyboard.press('Escape');
    // The line and the label are on the canvas (its own record of what it drew).
    await overlay.waitFor((root, label) => {
      const canvas = root.querySelector('canvas.fc-canvas') as HTMLCanvasElement;
      return canvas.dataset.drawings === '2' && (JSON.parse(canvas.dataset.texts ?? '[]') as string[]).includes(label);
    }, LABEL);

    // The first comment deleted from the palette.
    await fromPalette(page, overlay, 'delete a comment');
    await page.keyboard.press('Enter');
    await expect.poll(() => listedTexts(overlay), { timeout: 5_000 }).toEqual([second]);

    // What the coach saw as readouts: the HUD's frame and time, the comment places.
    const readouts = await overlay.read((root) =>
      [...root.querySelectorAll('.fc-hud > *, .fc-comment-place')].map((n) => (n.textContent ?? '').trim()).filter((t) => t.length >= 3),
    );
    expect(readouts.length).toBeGreaterThan(1);

    const log = await page.evaluate(() => (window as unknown as { spyLog: string[] }).spyLog);
    const all = log.join('\n');
    // The spy was listening: it saw FrameCoach's element arrive, and the page's own key.
    expect(all).toContain('added=<framecoach-overlay');
    expect(all).toMatch(/keydown target=body\S* path=\S+ key=q/);
    for (const secret of [COMMENT, EDIT, COMPOSED, 'ひざ', PASTED, NAME, LABEL, PALETTE_TEXT, ...readouts]) {
      expect(log.filter((line) => line.includes(secret)).map((line) => line.slice(0, 300)), `the page's log holds "${secret}"`).toEqual([]);
    }
    // Nor where the line and the label were drawn, nor where the coach clicked in the panel: no
    // pointer event on FrameCoach's element reached the page.
    expect(all).toMatch(/pointerdown target=h1\S* .*? at=/);
    expect(log.filter((line) => /^\S+ (pointer|mouse|click|dblclick|contextmenu|wheel)\w* target=framecoach-overlay/.test(line))).toEqual([]);
    // Not a character of it either: no key, input, composition or clipboard event from
    // FrameCoach's element reached the page, and of all the characters typed, the page heard
    // only its own `q` (Enter, Tab or Escape pressed after the focus had left FrameCoach's
    // fields are the page's).
    const textEvents = log.filter((line) => /^\S+ (key\w+|beforeinput|input|textInput|composition\w+|copy|cut|paste) /.test(line));
    expect(textEvents.filter((line) => / target=framecoach-overlay/.test(line))).toEqual([]);
    expect(new Set(textEvents.flatMap((line) => / key=(\S+) /.exec(line)?.[1] ?? []).filter((key) => [...key].length === 1))).toEqual(new Set(['q']));
    // Nothing of FrameCoach's state on its element: no attributes at all (its style is in its root).
    expect(await page.evaluate(() => [...document.querySelector('framecoach-overlay')!.attributes].map((a) => a.name))).toEqual([]);
  });

  it("keys and input a page makes up are never FrameCoach's", async () => {
    const { page, overlay } = await openSpy();
    expect((await seekAndRead(page, frameMiddle(CLIP, 20))).index).toBe(20);
    await expect.poll(() => hudFrame(overlay), { timeout: 5_000 }).toMatch(/\D20$/);
    await page.evaluate(() => {
      const host = document.querySelector('framecoach-overlay')!;
      for (const target of [document.body, document, window, host]) {
        for (const key of ['.', 'c', 'p']) target.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === '.' ? 'Period' : `Key${key.toUpperCase()}`, bubbles: true, composed: true }));
      }
      host.dispatchEvent(new InputEvent('input', { data: 'x', bubbles: true, composed: true }));
    });
    await page.waitForTimeout(300);
    expect(await readBarcode(page), 'the frame did not move').toBe(20);
    expect(await hudFrame(overlay)).toMatch(/\D20$/);
    expect(await overlay.read((root) => !!root.querySelector('.fc-editor, .fc-palette')), 'no editor or palette opened').toBe(false);
  });

  // A closed shadow root does not hide text from window.find(), which searches the page as
  // rendered (a text-in-the-page oracle), nor selected text from getSelection(). The comment
  // editor is a frame of FrameCoach's own origin (private-field.tsx): neither reaches into it.
  it("the comment editor's words are out of window.find() and getSelection(), typed and selected", async () => {
    const { page } = await openSpy();
    await newComment(page);
    await page.keyboard.type('zygomatic arch');
    await page.keyboard.press('Shift+Home');
    // The coach did select it, in the field.
    expect(await (await field(page))!.evaluate(() => String(document.getSelection()))).toBe('zygomatic arch');
    expect(await page.evaluate(() => String(document.getSelection()))).toBe('');
    const found = await page.evaluate(() => {
      getSelection()?.removeAllRanges();
      return (window as unknown as { find(text: string): boolean }).find('zygomatic');
    });
    expect(found).toBe(false);
    // The page's own words are found: the search works.
    await page.evaluate(() => document.body.append(' patella '));
    expect(await page.evaluate(() => (window as unknown as { find(text: string): boolean }).find('patella'))).toBe(true);
  });

  // The label box, the name field, the panel's search and the send dialog's fields are such
  // frames too. (The page's find() is called last on each page: in Chromium it unsettles the
  // focus of the frames on the page, which a page could do anyway by focusing its own element.)
  it("the words typed in the label box, the name, the search, the send dialog and the palette are out of window.find() and getSelection()", async () => {
    const cases: [string, (page: Page, overlay: ClosedOverlay) => Promise<void>, [RegExp, string][]][] = [
      ['the search and the name', (page) => page.keyboard.press('Shift+C'), [[/^Search comments$/, 'sartorius'], [NAME_FIELD, 'Jordan Quill']]],
      ['the send dialog', (page) => page.keyboard.press('Shift+E'), [[/^To$/, 'Dana Whitlock'], [/^Message$/, 'meniscus tear']]],
      [
        'the label box',
        async (page, overlay) => {
          const picture = await overlay.rectOf('.fc-frame');
          await page.keyboard.press('Alt+t');
          await page.mouse.click(picture.x + picture.width * 0.6, picture.y + picture.height * 0.3);
        },
        [[LABEL_BOX, 'zygomatic arch']],
      ],
      ['the palette', (page) => page.keyboard.press('p'), [[/^Type a command/, 'zygomatic']]],
    ];
    const SELECTOR: Record<string, string> = { 'Search comments': '.fc-search', 'Your name on comments': '.fc-name', Message: '.fc-send-message' };
    for (const [what, open, fields] of cases) {
      const { page, overlay } = await openSpy();
      // The tab in front has the focus (the one before was closed): only there do frames take it.
      await page.bringToFront();
      await page.click('h1');
      await open(page, overlay);
      for (const [label, word] of fields) {
        const selector = SELECTOR[label.source.slice(1, -1)];
        if (selector) {
          const box = await overlay.rectOf(selector);
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        }
        await fieldFocused(page, label);
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(word);
        await page.keyboard.press('Shift+Home');
        // The coach did select it, in the field; the page's selection is empty.
        expect(await (await field(page, label))!.evaluate(() => String(document.getSelection())), what).toBe(word);
        expect(await page.evaluate(() => String(document.getSelection())), what).toBe('');
      }
      for (const [, word] of fields) {
        const found = await page.evaluate((w) => {
          getSelection()?.removeAllRanges();
          return (window as unknown as { find(text: string): boolean }).find(w);
        }, word);
        expect(found, `${what}: ${word}`).toBe(false);
      }
      // The page's own words are found: the search works.
      await page.evaluate(() => document.body.append(' patella '));
      expect(await page.evaluate(() => (window as unknown as { find(text: string): boolean }).find('patella')), what).toBe(true);
      await page.close();
    }
  });

  // What the palette shows for a query that matches nothing repeats it: painted, not text.
  it("the palette's query, shown back where nothing matches it, is out of window.find()", async () => {
    const { page, overlay } = await openSpy();
    await page.keyboard.press('p');
    await focusedIs(overlay, '.fc-palette-input');
    await page.keyboard.type('zygomatic');
    await overlay.waitFor((root) => !!root.querySelector('.fc-palette-empty .fc-empty-query[data-text="zygomatic"]'));
    const found = await page.evaluate(() => {
      getSelection()?.removeAllRanges();
      return (window as unknown as { find(text: string): boolean }).find('zygomatic');
    });
    expect(found).toBe(false);
    await page.evaluate(() => document.body.append(' patella '));
    expect(await page.evaluate(() => (window as unknown as { find(text: string): boolean }).find('patella'))).toBe(true);
  });

  it('window.find() finds no word of a comment shown in the comment panel, in the palette, or over the playing video', async () => {
    const { page, overlay } = await openSpy();
    await newComment(page);
    await page.keyboard.type('zygomatic');
    await page.keyboard.press('Enter');
    await overlay.waitFor((root) => [...root.querySelectorAll('.fc-comment-text')].some((n) => n.getAttribute('data-text') === 'zygomatic'));
    const find = (word: string) =>
      page.evaluate((w) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string): boolean }).find(w);
      }, word);
    // The page's own words are found: the search works.
    await page.evaluate(() => document.body.append(' patella '));
    expect(await find('patella')).toBe(true);
    expect(await find('zygomatic')).toBe(false);
    // The palette asking which comment to edit lists it (its words typed there are the coach's
    // query, a text field: not searched for here).
    await fromPalette(page, overlay, PALETTE_TEXT);
    await overlay.waitFor((root) =>
      [...root.querySelectorAll('.fc-palette-row .fc-palette-label')].some((label) => `${label.textContent}${[...label.querySelectorAll('.fc-private')].map((n) => n.getAttribute('data-text')).join('')}` === 'zygomatic'),
    );
    expect(await find('zygomatic')).toBe(false);
    await page.keyboard.press('Escape');
    await overlay.waitFor((root) => !root.querySelector('.fc-palette'));
    // While the video plays over the comment's moment its text shows over the picture.
    await page.evaluate(() => void (document.querySelector('video')!.currentTime = 0));
    await page.keyboard.press('k');
    await overlay.waitFor((root) => !!root.querySelector('.fc-toast'));
    expect(await find('zygomatic')).toBe(false);
    await page.keyboard.press('k');
  });
});
