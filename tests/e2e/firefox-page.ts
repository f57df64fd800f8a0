/**
 * The part of Playwright's `Page` the shared e2e tests use, over a puppeteer-core page in
 * Firefox (WebDriver BiDi), so one test file drives both browsers (issue 14).
 *
 * Covered: navigation, evaluate, waitForFunction/waitForSelector (Playwright's argument order),
 * waitForTimeout, keyboard (Playwright's "Shift+ArrowRight" chords), mouse, screenshots, the
 * viewport, and locators (CSS, role and name, test id, text; chained, `hasText`) that reach into
 * FrameCoach's overlay the way Playwright's pierce open shadow roots (`framecoach-overlay .fc-frameno`). Anything else throws, naming
 * what a test asked for, so a test that needs more fails loudly instead of passing by accident.
 */
import type { ElementHandle as PwElementHandle, Locator as PwLocator, Page as PwPage } from 'playwright-core';
import { copyFileSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Frame, KeyInput, Page } from 'puppeteer-core';
import { within } from './within';

/** Where a locator or a query runs: a tab's document, or a frame's (an iframe's). */
type Realm = Page | Frame;
/** The tab a realm is in: keys and the mouse are the tab's. */
const tabOf = (realm: Realm): Page => ('keyboard' in realm ? realm : realm.page());

type Fn = (...args: never[]) => unknown;

/** Playwright's modifier names as the browser's keys (Linux: ControlOrMeta is Control). */
const MODIFIERS: Record<string, KeyInput> = { Shift: 'Shift', Control: 'Control', Alt: 'Alt', Meta: 'Meta', ControlOrMeta: 'Control' };

/** "Shift+ArrowRight" → modifiers ['Shift'] and key 'ArrowRight'; "+" and "Shift++" keep their plus. */
/** The page's window property through which a click's guard says where the click went (null: on the element). */
const CLICK_GUARD = '__fcClickGuard';

/**
 * Playwright's hit-target check, for the mouse: until the next click, a press whose target is
 * not `el` (or inside it, across shadow roots) is stopped before any of the page's listeners,
 * with the rest of that click, and said by the guard's reader (which removes the guard).
 */
async function armClickGuard(el: ElementHandle<Element>): Promise<void> {
  await el.evaluate((node, key) => {
    const win = node.ownerDocument.defaultView!;
    const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
    let missed: string | null = null;
    const guard = (event: Event) => {
      if (event.type === 'pointerdown' && !event.composedPath().includes(node)) {
        const t = event.composedPath()[0] as Element;
        missed = t instanceof Element ? `<${t.localName}${t.className ? ` class="${String(t.className)}"` : ''}>` : String(t);
      }
      if (missed) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    };
    for (const type of types) win.addEventListener(type, guard, true);
    (win as unknown as Record<string, () => string | null>)[key] = () => {
      for (const type of types) win.removeEventListener(type, guard, true);
      delete (win as unknown as Record<string, unknown>)[key];
      return missed;
    };
  }, CLICK_GUARD);
}

export function parseChord(chord: string): { modifiers: KeyInput[]; key: string } {
  if (chord === '+') return { modifiers: [], key: '+' };
  const parts = chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
  const key = parts.pop()!;
  const modifiers = parts.map((m) => {
    const k = MODIFIERS[m];
    if (!k) throw new Error(`firefox-page: unknown modifier "${m}" in "${chord}"`);
    return k;
  });
  // Playwright types the shifted letter ("Shift+e" gives key "E"); WebDriver sends the key as named.
  const shifted = modifiers.includes('Shift') && /^[a-z]$/.test(key) ? key.toUpperCase() : key;
  return { modifiers, key: shifted === 'Space' ? ' ' : shifted };
}

function unsupported(what: string): never {
  throw new Error(`firefox-page: ${what} is not available in the Firefox e2e facade (tests/e2e/firefox-page.ts)`);
}

/** A proxy that throws, naming the member, for anything the facade does not cover. */
function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      // `then` and `asElement` are probed (is it a promise? an element handle?): absent, not an error.
      if (prop in t || typeof prop === 'symbol' || prop === 'then' || prop === 'asElement') return Reflect.get(t, prop, receiver);
      return unsupported(`${name}.${String(prop)}`);
    },
  });
}

/** One step of a locator chain, as Playwright builds them (`page.locator(css).getByRole(…)`). */
type Step =
  | { css: string; hasText?: string }
  | { role: string; name?: string | { source: string; flags: string }; exact?: boolean }
  | { testId: string }
  | { label: string | { source: string; flags: string }; exact?: boolean }
  | { text: string | { source: string; flags: string }; exact?: boolean }
  /** One of the elements found so far (a chain after first()/last()/nth()). */
  | { pick: number | 'last' }
  /** Only the elements found so far whose text has this (filter({ hasText })). */
  | { hasText: string | { source: string; flags: string } };

/**
 * Runs IN THE PAGE: the elements a chain of steps names, with Playwright's shadow piercing
 * (open roots: the test build's overlay) and a plain reading of ARIA roles and names, enough
 * for FrameCoach's own controls: explicit `role`, the implicit roles of the elements it uses,
 * names from aria-labelledby, aria-label, a label, the text, or the title.
 */
function resolveInPage(steps: Step[]): Element[] {
  const deep = (root: Document | Element | ShadowRoot): Element[] => {
    const out: Element[] = [];
    const walk = (node: Document | Element | ShadowRoot) => {
      for (const el of node.querySelectorAll('*')) {
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return out;
  };
  const scopes = (root: Document | Element): (Document | Element | ShadowRoot)[] => [root, ...deep(root).flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
  const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
  const implicitRole = (el: Element): string => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset', 'image'].includes(type))) return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'textarea' || (tag === 'input' && ['text', 'email', 'url', 'tel', 'password', 'number'].includes(type))) return type === 'number' ? 'spinbutton' : 'textbox';
    if (tag === 'input' && type === 'search') return 'searchbox';
    if (tag === 'input' && ['checkbox', 'radio', 'range'].includes(type)) return type === 'range' ? 'slider' : type;
    if (tag === 'select') return 'combobox';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    const roles: Record<string, string> = { li: 'listitem', ul: 'list', ol: 'list', dialog: 'dialog', fieldset: 'group', table: 'table', tr: 'row', td: 'cell', th: 'columnheader', nav: 'navigation', main: 'main', output: 'status' };
    return roles[tag] ?? '';
  };
  /** The name an element's label gives it (aria-labelledby, aria-label, a label for it or around it): getByLabel's. */
  const labelOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return norm(labelledBy.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' '));
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    if (el.id) {
      const forIt = root.querySelector?.(`label[for="${CSS.escape(el.id)}"]`);
      if (forIt) return norm(forIt.textContent);
    }
    const wrapping = el.closest('label');
    if (wrapping && wrapping !== el && /^(input|select|textarea)$/i.test(el.tagName)) return norm(wrapping.textContent);
    return '';
  };
  const nameOf = (el: Element): string => {
    const labelled = labelOf(el);
    if (labelled) return labelled;
    const text = /^(input|select|textarea)$/i.test(el.tagName) ? '' : norm(el.textContent);
    return text || norm(el.getAttribute('title')) || norm(el.getAttribute('placeholder'));
  };
  const matches = (actual: string, want: string | { source: string; flags: string }, exact?: boolean) =>
    typeof want !== 'string' ? new RegExp(want.source, want.flags).test(actual) : exact ? actual === norm(want) : actual.toLowerCase().includes(norm(want).toLowerCase());
  const find = (root: Document | Element, step: Exclude<Step, { pick: unknown } | { hasText: unknown; css?: never }>): Element[] => {
    if ('css' in step) {
      const m = /^([a-z][a-z0-9]*-[a-z0-9-]*)\s+([\s\S]+)$/.exec(step.css);
      let found = scopes(root).flatMap((scope) => [...scope.querySelectorAll(step.css)]);
      // `host rest`: `rest` inside the host's own (open) root, as Playwright's CSS pierces it.
      if (!found.length && m) found = [...root.querySelectorAll(m[1]!)].flatMap((host) => [...(host.shadowRoot?.querySelectorAll(m[2]!) ?? [])]);
      return step.hasText === undefined ? found : found.filter((el) => norm(el.textContent).toLowerCase().includes(norm(step.hasText).toLowerCase()));
    }
    const all = deep(root);
    if ('role' in step) return all.filter((el) => (el.getAttribute('role') ?? implicitRole(el)) === step.role && visible(el) && (step.name === undefined || matches(nameOf(el), step.name, step.exact)));
    if ('testId' in step) return all.filter((el) => el.getAttribute('data-testid') === step.testId);
    if ('label' in step) return all.filter((el) => !(el instanceof HTMLLabelElement) && matches(labelOf(el), step.label, step.exact) && labelOf(el) !== '');
    // getByText: the innermost elements whose own text matches.
    const texts = all.filter((el) => visible(el) && matches(norm(el.textContent), step.text, step.exact));
    return texts.filter((el) => !texts.some((other) => other !== el && el.contains(other)));
  };
  let roots: (Document | Element)[] = [document];
  for (const step of steps) {
    if ('pick' in step) roots = step.pick === 'last' ? roots.slice(-1) : roots.slice(step.pick, step.pick + 1);
    else if (!('css' in step) && 'hasText' in step) roots = roots.filter((el) => matches(norm(el.textContent), step.hasText, false));
    else roots = [...new Set(roots.flatMap((root) => find(root, step)))];
  }
  return roots as Element[];
}
/** The resolver as source for the page (bundlers may wrap inner functions in `__name(…)`: each `new Function` below defines it). */
const RESOLVE = resolveInPage.toString();
type Index = number | 'last' | null;
type Name = string | RegExp | undefined;
const wire = (value: string | RegExp) => (typeof value === 'string' ? value : { source: value.source, flags: value.flags });

class FirefoxLocator {
  constructor(
    private readonly page: Realm,
    private readonly steps: Step[],
    private readonly index: Index = null,
  ) {}

  private get description(): string {
    return JSON.stringify(this.steps);
  }

  /** Runs IN THE PAGE with the resolver: the chain's elements, then `fn` over them. */
  private inPage<T, A>(fn: (found: Element[], index: Index, arg: A) => T, arg?: A): Promise<T> {
    return this.page.evaluate(
      (source, steps, index, body, a) => {
        const found = (new Function(`const __name = (f) => f; return (${source})`)() as (s: unknown) => Element[])(steps);
        return (new Function(`const __name = (f) => f; return (${body})`)() as (f: Element[], i: unknown, a: unknown) => T)(found, index, a);
      },
      RESOLVE,
      this.steps as never,
      this.index,
      fn.toString(),
      arg as never,
    ) as Promise<T>;
  }

  /** Playwright's elementHandle(): the element, once there (waitForSelector's, shadow roots pierced). */
  elementHandle(opts: { timeout?: number } = {}): Promise<ElementHandle<Element>> {
    return this.handle(opts.timeout);
  }

  private async handle(timeout = 30_000): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const handle = await this.page.evaluateHandle(
        (source, steps, index, description) => {
          const found = (new Function(`const __name = (f) => f; return (${source})`)() as (s: unknown) => Element[])(steps);
          if (index === null && found.length > 1) return `strict mode violation: ${description} resolved to ${found.length} elements`;
          return (index === 'last' ? found[found.length - 1] : found[(index as number | null) ?? 0]) ?? null;
        },
        RESOLVE,
        this.steps as never,
        this.index,
        this.description,
      );
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (element) return element;
      const value = (await handle.jsonValue()) as unknown;
      await handle.dispose();
      if (typeof value === 'string') throw new Error(value);
      if (Date.now() > deadline) throw new Error(`firefox-page: no element for ${this.description} within ${timeout} ms`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  private chain(step: Step): PwLocator {
    const picked: Step[] = this.index === null ? this.steps : [...this.steps, { pick: this.index }];
    return wrapLocator(this.page, [...picked, step]);
  }

  first() {
    return wrapLocator(this.page, this.steps, 0);
  }
  last() {
    return wrapLocator(this.page, this.steps, 'last');
  }
  nth(n: number) {
    return wrapLocator(this.page, this.steps, n);
  }
  locator(css: string, opts: { hasText?: string } = {}) {
    return this.chain({ css, hasText: opts.hasText });
  }
  getByRole(role: string, opts: { name?: Name; exact?: boolean } = {}) {
    return this.chain({ role, name: opts.name === undefined ? undefined : wire(opts.name), exact: opts.exact });
  }
  getByTestId(testId: string) {
    return this.chain({ testId });
  }
  getByLabel(label: string | RegExp, opts: { exact?: boolean } = {}) {
    return this.chain({ label: wire(label), exact: opts.exact });
  }
  getByText(text: string | RegExp, opts: { exact?: boolean } = {}) {
    return this.chain({ text: wire(text), exact: opts.exact });
  }
  filter(opts: { hasText?: string | RegExp }) {
    if (opts.hasText === undefined || Object.keys(opts).length > 1) unsupported(`filter(${JSON.stringify(opts)}) other than hasText`);
    const picked: Step[] = this.index === null ? this.steps : [...this.steps, { pick: this.index }];
    return wrapLocator(this.page, [...picked, { hasText: wire(opts.hasText) }]);
  }
  /** Playwright's all(): a locator for each element found now. */
  async all(): Promise<PwLocator[]> {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => wrapLocator(this.page, this.steps.concat(this.index === null ? [] : [{ pick: this.index }]), i));
  }
  async count(): Promise<number> {
    return this.inPage((found) => found.length);
  }
  async allTextContents(): Promise<string[]> {
    return this.inPage((found) => found.map((el) => el.textContent ?? ''));
  }
  /**
   * Polled from here, one look per 50 ms, rather than by puppeteer's waitForFunction, whose
   * in-page poller was seen to miss, for 30 s, a preview that an add-on page showed after a
   * file was chosen (present at once when looked at directly).
   */
  async waitFor(opts: { state?: 'attached' | 'visible' | 'detached' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const state = opts.state ?? 'visible';
    const timeout = opts.timeout ?? 30_000;
    const deadline = Date.now() + timeout;
    for (;;) {
      const ok = await this.inPage((found, index, want) => {
        const el = index === 'last' ? found[found.length - 1] : found[(index as number | null) ?? 0];
        const visible = !!el && (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        return want === 'attached' ? !!el : want === 'detached' ? !el : want === 'visible' ? visible : !visible;
      }, state).catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`firefox-page: ${this.description} not ${state} within ${timeout} ms`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  async evaluate<A>(fn: (el: Element, arg: A) => unknown, arg?: A): Promise<unknown> {
    const el = await this.handle();
    try {
      return await el.evaluate(fn as never, arg as never);
    } finally {
      await el.dispose();
    }
  }
  async textContent(): Promise<string | null> {
    return this.evaluate((el) => el.textContent) as Promise<string | null>;
  }
  async innerText(): Promise<string> {
    return this.evaluate((el) => (el as HTMLElement).innerText) as Promise<string>;
  }
  async getAttribute(name: string): Promise<string | null> {
    return this.evaluate((el, n) => el.getAttribute(n), name) as Promise<string | null>;
  }
  async inputValue(): Promise<string> {
    return this.evaluate((el) => (el as HTMLInputElement).value) as Promise<string>;
  }
  async isChecked(): Promise<boolean> {
    return this.evaluate((el) => (el instanceof HTMLInputElement ? el.checked : el.getAttribute('aria-checked') === 'true')) as Promise<boolean>;
  }
  /** Playwright's selectOption by value (or label): the option chosen, then input and change, as a person's choice fires them. */
  async selectOption(value: string): Promise<string[]> {
    const chosen = (await this.evaluate((el, want) => {
      const select = el as HTMLSelectElement;
      const option = [...select.options].find((o) => o.value === want) ?? [...select.options].find((o) => o.label === want);
      if (!option) return null;
      select.value = option.value;
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return option.value;
    }, value)) as string | null;
    if (chosen === null) throw new Error(`firefox-page: no option "${value}" in ${this.description}`);
    return [chosen];
  }
  async isVisible(): Promise<boolean> {
    return this.inPage((found, index) => {
      const el = index === 'last' ? found[found.length - 1] : found[(index as number | null) ?? 0];
      return !!el && (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
  }
  async boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    const el = await this.handle();
    try {
      return await el.boundingBox();
    } finally {
      await el.dispose();
    }
  }
  /** A click where a person clicks: the middle of the element (or `position` from its top left), with the mouse. */
  async click(opts: { position?: { x: number; y: number } } = {}): Promise<void> {
    const el = await this.handle();
    try {
      // As Playwright does: a disabled button is waited for (FrameCoach's are until their command's `when` holds).
      const deadline = Date.now() + 30_000;
      while (await el.evaluate((node) => (node as HTMLButtonElement).disabled === true)) {
        if (Date.now() > deadline) throw new Error(`firefox-page: ${this.description} stayed disabled for 30 s`);
        await new Promise((done) => setTimeout(done, 50));
      }
      // As Playwright does: the click must reach the element. A panel that re-renders between
      // finding the point and pressing (a line added above on a busy machine) would otherwise
      // take the click somewhere else, and the test would wait for what never comes.
      for (let tries = 1; ; tries++) {
        const at = await this.pointToClick(el, opts.position);
        await armClickGuard(el);
        await tabOf(this.page).mouse.click(at.x, at.y);
        // A click that took the page away (a link, a closed window) reached what it pressed.
        const missed = await el.evaluate((node, key) => (node.ownerDocument.defaultView as unknown as Record<string, (() => string | null) | undefined>)[key]?.() ?? null, CLICK_GUARD).catch(() => null);
        if (!missed) return;
        if (Date.now() > deadline || tries >= 20) throw new Error(`firefox-page: ${this.description}: the click at (${Math.round(at.x)}, ${Math.round(at.y)}) reached ${missed}, ${tries} times`);
        console.warn(`firefox-page: the click on ${this.description} reached ${missed}; again`);
        await new Promise((done) => setTimeout(done, 50));
      }
    } finally {
      await el.dispose();
    }
  }
  /** Where to click, in view: `position` from the element's top left, or a point inside it that shows (as Playwright picks). */
  private async pointToClick(el: ElementHandle<Element>, position?: { x: number; y: number }): Promise<{ x: number; y: number }> {
    if (!position) {
      await el.scrollIntoView();
      return el.clickablePoint();
    }
    // The point into view (as Playwright scrolls it), not the element: a tall body's middle may be far off.
    await el.evaluate((node, at) => {
      const r = node.getBoundingClientRect();
      const [x, y] = [r.left + at.x, r.top + at.y];
      if (y < 0 || y >= innerHeight || x < 0 || x >= innerWidth) scrollBy(x < 0 || x >= innerWidth ? x - innerWidth / 2 : 0, y < 0 || y >= innerHeight ? y - innerHeight / 2 : 0);
    }, position);
    const box = await el.boundingBox();
    if (!box) throw new Error(`firefox-page: ${this.description} has no box to click in`);
    return { x: box.x + position.x, y: box.y + position.y };
  }
  /** The mouse over the element's middle. */
  async hover(): Promise<void> {
    const el = await this.handle();
    try {
      await el.hover();
    } finally {
      await el.dispose();
    }
  }
  async focus(): Promise<void> {
    await this.evaluate((el) => (el as HTMLElement).focus());
  }
  /** Playwright's fill: focus, select what is there, type over it (the input events a person's typing makes). */
  async fill(text: string): Promise<void> {
    await this.evaluate((el) => {
      (el as HTMLInputElement).focus();
      (el as HTMLInputElement).select();
    });
    if (text) await tabOf(this.page).keyboard.type(text);
    else await tabOf(this.page).keyboard.press('Backspace');
  }
  async press(key: string): Promise<void> {
    await this.focus();
    await pressChord(tabOf(this.page), key);
  }
  /** Playwright's setInputFiles on an `<input type=file>`: paths, or files given by name and bytes (written to a temporary folder first). */
  async setInputFiles(files: string | string[] | FileSpec | FileSpec[]): Promise<void> {
    const el = (await this.handle()) as ElementHandle<HTMLInputElement>;
    try {
      await el.uploadFile(...filePaths(files));
    } finally {
      await el.dispose();
    }
  }
  /** Playwright's type (deprecated there, still used): focus, then type. */
  async type(text: string, opts?: { delay?: number }): Promise<void> {
    await this.focus();
    await tabOf(this.page).keyboard.type(text, opts);
  }
}

/** A file as Playwright's setInputFiles takes it by value. */
interface FileSpec {
  name: string;
  mimeType?: string;
  buffer: Buffer;
}

function filePaths(files: string | string[] | FileSpec | FileSpec[]): string[] {
  return (Array.isArray(files) ? files : [files]).map((file) => {
    if (typeof file === 'string') return file;
    const path = join(mkdtempSync(join(tmpdir(), 'framecoach-upload-')), file.name);
    writeFileSync(path, file.buffer);
    return path;
  });
}

function wrapLocator(page: Realm, steps: Step[], index: Index = null): PwLocator {
  return strict(`locator(${JSON.stringify(steps)})`, new FirefoxLocator(page, steps, index)) as unknown as PwLocator;
}

async function pressChord(page: Page, chord: string, opts?: { delay?: number }): Promise<void> {
  const { modifiers, key } = parseChord(chord);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.keyboard.press(key as KeyInput, opts);
  for (const m of modifiers.reverse()) await page.keyboard.up(m);
}

/** Playwright's waitForSelector options: `state: 'attached'` is puppeteer's default; visible/hidden map across. */
function selectorOptions(opts: { state?: string; timeout?: number } = {}) {
  return { timeout: opts.timeout ?? 30_000, visible: opts.state === 'visible' || undefined, hidden: opts.state === 'hidden' || opts.state === 'detached' || undefined };
}

/** The BiDi browsing context under a puppeteer page (puppeteer's own, not public API). */
interface BidiContext {
  navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void>;
  reload(opts: { wait: 'none' | 'interactive' | 'complete' }): Promise<void>;
}
const bidiContext = (page: Page) => (page.mainFrame() as unknown as { browsingContext: BidiContext }).browsingContext;


/** Where the facade finds what the browser did outside the page. */
export interface FacadeOptions {
  /** The folder Firefox saves downloads in (LaunchedFirefox.downloads): needed for waitForEvent('download'). */
  downloads?: string;
  /** The add-on page this tab already shows (found by the harness's findTab). */
  shows?: string;
}

/**
 * Playwright's Download, over a file that appears in the downloads folder. Firefox first makes
 * an empty file under the final name, writes a `.part` beside it and moves that over it when
 * done: a new name, no `.part` left, and the same non-zero size twice in a row is finished.
 * (A name can also come and go before that: it is not taken until it stays.)
 */
async function nextDownload(folder: string, timeout: number) {
  const before = new Set(readdirSync(folder));
  const deadline = Date.now() + timeout;
  let last = { name: '', size: -1 };
  for (;;) {
    const names = readdirSync(folder);
    const name = names.find((n) => !before.has(n) && !n.endsWith('.part'));
    // Gone between the listing and the look (a copy of the suite beside another saw Firefox move
    // a temporary name away just then): not finished, looked at again.
    const size = name && !names.some((n) => n.endsWith('.part')) ? (statSync(join(folder, name), { throwIfNoEntry: false })?.size ?? -1) : -1;
    if (name && size > 0 && last.name === name && last.size === size) {
      const path = join(folder, name);
      return { suggestedFilename: () => name, path: async () => path, saveAs: async (to: string) => copyFileSync(path, to) };
    }
    last = { name: name ?? '', size };
    if (Date.now() > deadline) throw new Error(`firefox-page: no download within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Playwright's FileChooser for the next `<input type=file>` the page clicks (the buttons that
 * open a picker click a hidden input). The click is caught in the page before the browser
 * opens its dialog, which a test can't answer; the file is then given to that input.
 */
async function nextFileChooser(page: Page, timeout: number) {
  await page.evaluate(() => {
    const w = window as unknown as { __fcChooser?: HTMLInputElement | null };
    w.__fcChooser = null;
    const catchIt = (event: MouseEvent) => {
      const input = event.target as HTMLInputElement;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file') return;
      event.preventDefault();
      w.__fcChooser = input;
      document.removeEventListener('click', catchIt, true);
    };
    document.addEventListener('click', catchIt, true);
  });
  // Looked for from here: the page may be a tab behind another, whose timers run late (seen: 80 s).
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(() => !!(window as unknown as { __fcChooser?: HTMLInputElement | null }).__fcChooser))) {
    if (Date.now() > deadline) throw new Error(`firefox-page: no file chooser within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    setFiles: async (files: string | string[] | FileSpec | FileSpec[]) => {
      const input = (await page.evaluateHandle(() => (window as unknown as { __fcChooser: HTMLInputElement }).__fcChooser)) as ElementHandle<HTMLInputElement>;
      try {
        await input.uploadFile(...filePaths(files));
      } finally {
        await input.dispose();
      }
    },
  };
}

/**
 * Playwright's emulateMedia({ colorScheme }), which Firefox's BiDi lacks: the system's theme as
 * Firefox sees it (`ui.systemUsesDarkTheme`, pages following the system), set by a script in
 * the browser's own window (which --remote-allow-system-access opens to BiDi). It applies to
 * every tab, not this one only, and takes effect after a moment (the tests poll).
 */
async function emulateColorScheme(page: Page, scheme: 'light' | 'dark' | null): Promise<void> {
  const connection = (page.browser() as unknown as { connection: { send(method: string, params: object): Promise<{ result: { contexts: { context: string }[] } }> } }).connection;
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = result.contexts[0]?.context;
  if (!window) throw new Error("firefox-page: no browser window to set the system's colour scheme in");
  const prefs =
    scheme === null
      ? "Services.prefs.clearUserPref('ui.systemUsesDarkTheme')"
      : `Services.prefs.setIntPref('ui.systemUsesDarkTheme', ${scheme === 'dark' ? 1 : 0}); Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', 2)`;
  await connection.send('script.evaluate', { expression: `${prefs}; true`, target: { context: window }, awaitPromise: false });
}

/**
 * What a tab's document and a frame's have alike: scripts, waits and queries, in Playwright's
 * argument order. waitForSelector pierces open shadow roots as Playwright's CSS does
 * (`fake-player video`); an iframe's element handle gives its frame, wrapped the same way.
 */
function realmMembers(realm: Realm) {
  return {
    evaluate: (fn: Fn | string, arg?: unknown) => (arguments_(arg) ? realm.evaluate(fn as never, arg as never) : realm.evaluate(fn as never)),
    evaluateHandle: (fn: Fn | string, arg?: unknown) => (arguments_(arg) ? realm.evaluateHandle(fn as never, arg as never) : realm.evaluateHandle(fn as never)),
    waitForFunction: (fn: Fn | string, arg?: unknown, opts: { timeout?: number; polling?: number | 'raf' } = {}) => {
      const options = { timeout: opts.timeout ?? 30_000, polling: opts.polling ?? 'raf' };
      return arguments_(arg) ? realm.waitForFunction(fn as never, options, arg as never) : realm.waitForFunction(fn as never, options);
    },
    waitForSelector: async (selector: string, opts?: { state?: string; timeout?: number }) => {
      const handle =
        (opts?.state ?? 'attached') === 'attached'
          ? await (wrapLocator(realm, [{ css: selector }]).first() as unknown as FirefoxLocator).elementHandle({ timeout: opts?.timeout })
          : await realm.waitForSelector(selector, selectorOptions(opts));
      if (handle) {
        const own = handle.contentFrame.bind(handle);
        Object.assign(handle, {
          contentFrame: async () => {
            const frame = await own();
            return frame && wrapFirefoxFrame(frame);
          },
        });
      }
      return handle as unknown as PwElementHandle | null;
    },
    /** Playwright's waitForURL: the document's own address (an SPA's pushState or a frame's navigation included), polled. */
    waitForURL: async (want: string | RegExp, opts: { timeout?: number } = {}) => {
      const source = typeof want === 'string' ? null : { source: want.source, flags: want.flags };
      await realm.waitForFunction(
        (w, re) => (re ? new RegExp(re.source, re.flags).test(location.href) : location.href === w),
        { timeout: opts.timeout ?? 30_000, polling: 50 },
        typeof want === 'string' ? want : '',
        source,
      );
    },
    $: (selector: string) => realm.$(selector),
    $eval: (selector: string, fn: Fn, arg?: unknown) => realm.$eval(selector, fn as never, arg as never),
    $$eval: (selector: string, fn: Fn, arg?: unknown) => realm.$$eval(selector, fn as never, arg as never),
  };
}

/** An iframe's document as the part of Playwright's Frame the shared tests use. */
function wrapFirefoxFrame(frame: Frame) {
  return strict('frame', {
    ...realmMembers(frame),
    url: () => frame.url(),
    locator: (css: string, opts: { hasText?: string } = {}) => wrapLocator(frame, [{ css, hasText: opts.hasText }]),
  });
}

/** Wraps a puppeteer page in Firefox as the subset of Playwright's Page the shared tests use. */
export function wrapFirefoxPage(page: Page, opts: FacadeOptions = {}): PwPage {
  /**
   * The add-on page this tab shows, when it shows one. Firefox's WebDriver BiDi sends no
   * navigation events for moz-extension:// documents (it navigates to them at all only with
   * --remote-allow-system-access), so puppeteer's goto would wait for a load it never hears of
   * and its url() stays at the page before. Such pages are opened by the navigate command itself,
   * which returns when the document has loaded, and their address is kept here.
   */
  let addonPage: string | null = opts.shows?.startsWith('moz-extension:') ? opts.shows : null;
  const keyboard = strict('keyboard', {
    press: (chord: string, opts?: { delay?: number }) => pressChord(page, chord, opts),
    down: (key: string) => page.keyboard.down(parseChord(key).key as KeyInput),
    up: (key: string) => page.keyboard.up(parseChord(key).key as KeyInput),
    type: (text: string, opts?: { delay?: number }) => page.keyboard.type(text, opts),
    insertText: (text: string) => page.keyboard.sendCharacter(text),
  });
  const mouse = strict('mouse', {
    move: (x: number, y: number, opts?: { steps?: number }) => page.mouse.move(x, y, opts),
    down: (opts?: { button?: 'left' | 'right' | 'middle' }) => page.mouse.down(opts),
    up: (opts?: { button?: 'left' | 'right' | 'middle' }) => page.mouse.up(opts),
    click: (x: number, y: number, opts?: { button?: 'left' | 'right' | 'middle'; clickCount?: number; delay?: number }) => page.mouse.click(x, y, { ...opts, count: opts?.clickCount }),
    wheel: (deltaX: number, deltaY: number) => page.mouse.wheel({ deltaX, deltaY }),
  });
  const facade = {
    goto: async (url: string, opts?: { timeout?: number }) => {
      const timeout = opts?.timeout ?? 30_000;
      if (url.startsWith('moz-extension:')) {
        await within(timeout, `firefox-page: opening ${url}`, bidiContext(page).navigate(url, 'complete'));
        addonPage = url;
        return null;
      }
      addonPage = null;
      // Puppeteer's response has Playwright's status() and headers().
      return page.goto(url, { waitUntil: 'load', timeout });
    },
    reload: async () => {
      if (addonPage) await within(30_000, `firefox-page: reloading ${addonPage}`, bidiContext(page).reload({ wait: 'complete' }));
      else await page.reload({ waitUntil: 'load' });
      return null;
    },
    /**
     * Playwright's goBack, for a page's own history (an SPA's pushState: what the tests go back
     * through): history.back(), done once the address has changed.
     */
    goBack: async () => {
      const from = await page.evaluate(() => location.href);
      await page.evaluate(() => history.back());
      await page.waitForFunction((f) => location.href !== f, { timeout: 5_000, polling: 50 }, from);
      return null;
    },
    inputValue: (selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value),
    close: () => page.close(),
    isClosed: () => page.isClosed(),
    url: () => addonPage ?? page.url(),
    title: () => page.title(),
    bringToFront: () => page.bringToFront(),
    setContent: (html: string) => page.setContent(html),
    ...realmMembers(page),
    /** Playwright's dispatchEvent on the first match of a selector; a `dataTransfer` handle makes it a DragEvent (a file dropped). */
    dispatchEvent: async (selector: string, type: string, init: { dataTransfer?: unknown } = {}) => {
      const el = await page.waitForSelector(selector, { timeout: 30_000 });
      if (!el) throw new Error(`firefox-page: no ${selector} to dispatch ${type} on`);
      try {
        await el.evaluate(
          (node, t, transfer) => {
            const options = { bubbles: true, cancelable: true, composed: true };
            node.dispatchEvent(transfer ? new DragEvent(t, { ...options, dataTransfer: transfer as DataTransfer }) : new Event(t, options));
          },
          type,
          (init.dataTransfer ?? null) as never,
        );
      } finally {
        await el.dispose();
      }
    },
    /** Playwright's request, pageerror and console events: puppeteer's carry the same url(), message, type() and text(). */
    on: (event: string, listener: (payload: unknown) => void) => {
      if (event !== 'request' && event !== 'pageerror' && event !== 'console') unsupported(`page.on('${event}')`);
      page.on(event, listener);
    },
    /** Playwright's addInitScript (a function): puppeteer's script for every new document. */
    addInitScript: async (fn: Fn) => {
      await page.evaluateOnNewDocument(fn as never);
    },
    waitForLoadState: async (state: 'load' | 'domcontentloaded' = 'load') => {
      await page.waitForFunction((s) => document.readyState === 'complete' || (s === 'domcontentloaded' && document.readyState === 'interactive'), { timeout: 30_000, polling: 50 }, state);
    },
    waitForTimeout: (ms: number) => new Promise<void>((done) => setTimeout(done, ms)),
    /** Playwright's download and file-chooser events (nothing else): see nextDownload, nextFileChooser. */
    waitForEvent: (event: string, o: { timeout?: number } = {}) => {
      const timeout = o.timeout ?? 30_000;
      if (event === 'download') {
        if (!opts.downloads) unsupported("waitForEvent('download') on a page wrapped without the downloads folder");
        return nextDownload(opts.downloads, timeout);
      }
      if (event === 'filechooser') return nextFileChooser(page, timeout);
      return unsupported(`waitForEvent('${event}')`);
    },
    keyboard,
    mouse,
    locator: (css: string, opts: { hasText?: string } = {}) => wrapLocator(page, [{ css, hasText: opts.hasText }]),
    // Playwright's selector shorthands: the first match, as a locator acts on it.
    click: (css: string) => wrapLocator(page, [{ css }]).first().click(),
    hover: (css: string) => wrapLocator(page, [{ css }]).first().hover(),
    fill: (css: string, text: string) => wrapLocator(page, [{ css }]).first().fill(text),
    focus: (css: string) => wrapLocator(page, [{ css }]).first().focus(),
    getByRole: (role: string, opts: { name?: Name; exact?: boolean } = {}) => wrapLocator(page, [{ role, name: opts.name === undefined ? undefined : wire(opts.name), exact: opts.exact }]),
    getByTestId: (testId: string) => wrapLocator(page, [{ testId }]),
    getByLabel: (label: string | RegExp, o: { exact?: boolean } = {}) => wrapLocator(page, [{ label: wire(label), exact: o.exact }]),
    getByText: (text: string | RegExp, opts: { exact?: boolean } = {}) => wrapLocator(page, [{ text: wire(text), exact: opts.exact }]),
    screenshot: (opts: { path?: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {}) =>
      page.screenshot({ path: opts.path as `${string}.png` | undefined, fullPage: opts.fullPage, clip: opts.clip }),
    emulateMedia: (o: { colorScheme?: 'light' | 'dark' | null }) => {
      if (Object.keys(o).some((k) => k !== 'colorScheme')) unsupported(`emulateMedia(${JSON.stringify(o)})`);
      return emulateColorScheme(page, o.colorScheme ?? null);
    },
    setViewportSize: (size: { width: number; height: number }) => page.setViewport(size),
    viewportSize: () => page.viewport(),
    /** Playwright's frames(): the tab's documents, its own first, each wrapped as a frame. */
    frames: () => page.frames().map(wrapFirefoxFrame),
    /** The puppeteer page underneath, for a Firefox-only step. */
    puppeteer: page,
  };
  return strict('page', facade) as unknown as PwPage;
}

/** Playwright's evaluate takes one optional argument; undefined means none. */
function arguments_(arg: unknown): boolean {
  return arg !== undefined;
}
