/**
 * The part of Playwright's `Page` the shared e2e tests use, over a puppeteer-core page in
 * Firefox (WebDriver BiDi), so one test file drives both browsers (issue 14).
 *
 * Covered: navigation, evaluate, waitForFunction/waitForSelector (Playwright's argument order),
 * waitForTimeout, keyboard (Playwright's "Shift+ArrowRight" chords), mouse, screenshots, the
 * viewport, and CSS locators that reach into FrameCoach's overlay the way Playwright's CSS
 * pierces open shadow roots (`framecoach-overlay .fc-frameno`). Anything else throws, naming
 * what a test asked for, so a test that needs more fails loudly instead of passing by accident.
 */
import type { ElementHandle as PwElementHandle, Locator as PwLocator, Page as PwPage } from 'playwright-core';
import type { ElementHandle, KeyInput, Page } from 'puppeteer-core';

type Fn = (...args: never[]) => unknown;

/** Playwright's modifier names as the browser's keys (Linux: ControlOrMeta is Control). */
const MODIFIERS: Record<string, KeyInput> = { Shift: 'Shift', Control: 'Control', Alt: 'Alt', Meta: 'Meta', ControlOrMeta: 'Control' };

/** "Shift+ArrowRight" → modifiers ['Shift'] and key 'ArrowRight'; "+" and "Shift++" keep their plus. */
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

/**
 * Runs IN THE PAGE: the elements a Playwright CSS selector names, with its shadow piercing for
 * the one case the tests use: `host rest` finds `rest` in the host's (open, test build) root too.
 */
function resolveInPage(selector: string): Element[] {
  const found = [...document.querySelectorAll(selector)];
  if (found.length) return found;
  const m = /^([a-z][a-z0-9-]*-[a-z0-9-]*)\s+([\s\S]+)$/.exec(selector);
  if (!m) return [];
  return [...document.querySelectorAll(m[1]!)].flatMap((host) => [...(host.shadowRoot?.querySelectorAll(m[2]!) ?? [])]);
}
const RESOLVE = resolveInPage.toString();

class FirefoxLocator {
  constructor(
    private readonly page: Page,
    private readonly selector: string,
    private readonly index: number | 'last' | null = null,
  ) {}

  private async handle(timeout = 30_000): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const handle = await this.page.evaluateHandle(
        (source, selector, index) => {
          const found = (new Function(`return (${source})`)() as (s: string) => Element[])(selector);
          if (index === null && found.length > 1) return `strict mode violation: "${selector}" resolved to ${found.length} elements`;
          return (index === 'last' ? found[found.length - 1] : found[index ?? 0]) ?? null;
        },
        RESOLVE,
        this.selector,
        this.index,
      );
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (element) return element;
      const value = (await handle.jsonValue()) as unknown;
      await handle.dispose();
      if (typeof value === 'string') throw new Error(value);
      if (Date.now() > deadline) throw new Error(`firefox-page: no element for "${this.selector}" within ${timeout} ms`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  first() {
    return wrapLocator(this.page, this.selector, 0);
  }
  last() {
    return wrapLocator(this.page, this.selector, 'last');
  }
  nth(n: number) {
    return wrapLocator(this.page, this.selector, n);
  }
  async count(): Promise<number> {
    return this.page.evaluate((source, selector) => (new Function(`return (${source})`)() as (s: string) => Element[])(selector).length, RESOLVE, this.selector);
  }
  async waitFor(opts: { state?: 'attached' | 'visible' | 'detached' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const state = opts.state ?? 'visible';
    await this.page.waitForFunction(
      (source, selector, index, want) => {
        const found = (new Function(`return (${source})`)() as (s: string) => Element[])(selector);
        const el = index === 'last' ? found[found.length - 1] : found[index ?? 0];
        const visible = !!el && (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        return want === 'attached' ? !!el : want === 'detached' ? !el : want === 'visible' ? visible : !visible;
      },
      { timeout: opts.timeout ?? 30_000, polling: 20 },
      RESOLVE,
      this.selector,
      this.index,
      state,
    );
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
  async isVisible(): Promise<boolean> {
    return this.page.evaluate(
      (source, selector, index) => {
        const found = (new Function(`return (${source})`)() as (s: string) => Element[])(selector);
        const el = index === 'last' ? found[found.length - 1] : found[index ?? 0];
        return !!el && (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      },
      RESOLVE,
      this.selector,
      this.index,
    );
  }
  async boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    const el = await this.handle();
    try {
      return await el.boundingBox();
    } finally {
      await el.dispose();
    }
  }
  /** A click where a person clicks: the middle of the element, with the mouse. */
  async click(): Promise<void> {
    const el = await this.handle();
    try {
      await el.click();
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
    if (text) await this.page.keyboard.type(text);
    else await this.page.keyboard.press('Backspace');
  }
  async press(key: string): Promise<void> {
    await this.focus();
    await pressChord(this.page, key);
  }
}

function wrapLocator(page: Page, selector: string, index: number | 'last' | null = null): PwLocator {
  return strict(`locator("${selector}")`, new FirefoxLocator(page, selector, index)) as unknown as PwLocator;
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

/** Wraps a puppeteer page in Firefox as the subset of Playwright's Page the shared tests use. */
export function wrapFirefoxPage(page: Page): PwPage {
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
      await page.goto(url, { waitUntil: 'load', timeout: opts?.timeout ?? 30_000 });
      return null;
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
      return null;
    },
    close: () => page.close(),
    isClosed: () => page.isClosed(),
    url: () => page.url(),
    title: () => page.title(),
    bringToFront: () => page.bringToFront(),
    evaluate: (fn: Fn | string, arg?: unknown) => (arguments_(arg) ? page.evaluate(fn as never, arg as never) : page.evaluate(fn as never)),
    evaluateHandle: (fn: Fn | string, arg?: unknown) => (arguments_(arg) ? page.evaluateHandle(fn as never, arg as never) : page.evaluateHandle(fn as never)),
    waitForFunction: (fn: Fn | string, arg?: unknown, opts: { timeout?: number; polling?: number | 'raf' } = {}) => {
      const options = { timeout: opts.timeout ?? 30_000, polling: opts.polling ?? 'raf' };
      return arguments_(arg) ? page.waitForFunction(fn as never, options, arg as never) : page.waitForFunction(fn as never, options);
    },
    waitForSelector: async (selector: string, opts?: { state?: string; timeout?: number }) =>
      (await page.waitForSelector(selector, selectorOptions(opts))) as unknown as PwElementHandle | null,
    $: (selector: string) => page.$(selector),
    $eval: (selector: string, fn: Fn, arg?: unknown) => page.$eval(selector, fn as never, arg as never),
    waitForTimeout: (ms: number) => new Promise<void>((done) => setTimeout(done, ms)),
    keyboard,
    mouse,
    locator: (selector: string) => wrapLocator(page, selector),
    screenshot: (opts: { path?: string; fullPage?: boolean } = {}) => page.screenshot({ path: opts.path as `${string}.png` | undefined, fullPage: opts.fullPage }),
    setViewportSize: (size: { width: number; height: number }) => page.setViewport(size),
    viewportSize: () => page.viewport(),
    /** The puppeteer page underneath, for a Firefox-only step. */
    puppeteer: page,
  };
  return strict('page', facade) as unknown as PwPage;
}

/** Playwright's evaluate takes one optional argument; undefined means none. */
function arguments_(arg: unknown): boolean {
  return arg !== undefined;
}
