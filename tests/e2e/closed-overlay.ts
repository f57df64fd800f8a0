/**
 * The release build's overlay, read the way DevTools reads it: through the Chrome DevTools
 * Protocol, which reaches into closed shadow roots (in Firefox, through WebDriver BiDi, which
 * hands out a closed root as a node to call a function on). A page's scripts have no such way
 * in; the test does, to check what the coach sees while the page sees nothing.
 *
 *   const overlay = await closedOverlay(page);
 *   await overlay.waitFor((root) => !!root.querySelector('.fc-editor'));
 *   const text = await overlay.read((root) => root.textContent);
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { isFirefox } from './browser';

interface DomNode {
  nodeName: string;
  localName?: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export interface ClosedOverlay {
  /** Runs `fn` (no closure: it is sent as source) with the overlay's shadow root; its result comes back as JSON. */
  read<T, A = undefined>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T>;
  /** Polls `fn` until it returns a truthy value. */
  waitFor<A = undefined>(fn: (root: ShadowRoot, arg: A) => unknown, arg?: A, timeout?: number): Promise<void>;
  /** The viewport rect of the first element matching `selector` in the overlay. */
  rectOf(selector: string): Promise<{ x: number; y: number; width: number; height: number }>;
}

function findHost(node: DomNode): DomNode | null {
  if (node.localName === 'framecoach-overlay') return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child);
    if (found) return found;
  }
  return null;
}

/** Runs `fn` with the overlay's shadow root and returns its result as JSON; undefined when there is no overlay. */
type RootCall = <T, A>(fn: (root: ShadowRoot, arg: A) => T, arg?: A) => Promise<T | undefined>;

/** Firefox: WebDriver BiDi, in a sandbox of the page (the page's own changes to its globals don't reach it). */
function bidiCall(page: Page): RootCall {
  const tab = (page as unknown as { puppeteer: PuppeteerPage }).puppeteer;
  type Sent = { result: { type: 'success'; result: { type: string; value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } } };
  const { connection } = tab.browser() as unknown as { connection: { send(method: string, params: object): Promise<Sent> } };
  const target = { context: (tab.mainFrame() as unknown as { browsingContext: { id: string } }).browsingContext.id, sandbox: 'framecoach-tests' };
  const run = async (params: object) => {
    const { result } = await connection.send('script.callFunction', { target, awaitPromise: true, resultOwnership: 'none', ...params });
    if (result.type === 'exception') throw new Error(`in the overlay: ${result.exceptionDetails.text}`);
    return result.result;
  };
  let sharedId: string | null = null;
  return async (fn, arg) => {
    if (!sharedId) {
      const host = await run({
        functionDeclaration: "() => document.querySelector('framecoach-overlay')",
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      });
      sharedId = (host.value as { shadowRoot?: { sharedId?: string } } | undefined)?.shadowRoot?.sharedId ?? null;
      if (!sharedId) return undefined;
    }
    const answer = await run({
      functionDeclaration: `async function (json) { return JSON.stringify(await (${fn.toString()})(this, JSON.parse(json))); }`,
      this: { sharedId },
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
    });
    return typeof answer.value === 'string' ? JSON.parse(answer.value) : undefined;
  };
}

export async function closedOverlay(page: Page): Promise<ClosedOverlay> {
  const call = isFirefox ? bidiCall(page) : await cdpCall(page);
  const overlay: ClosedOverlay = {
    async read(fn, arg) {
      // A function that says nothing about a missing overlay: whether there is one is asked first.
      if ((await call(() => true)) === undefined) throw new Error('FrameCoach has no overlay in this page');
      return (await call(fn, arg)) as ReturnType<typeof fn>;
    },
    async waitFor(fn, arg, timeout = 10_000) {
      const end = Date.now() + timeout;
      for (;;) {
        if (await call(fn, arg).catch(() => undefined)) return;
        if (Date.now() > end) throw new Error(`timed out waiting in the overlay for ${fn.toString()}`);
        await new Promise((done) => setTimeout(done, 25));
      }
    },
    async rectOf(selector) {
      const rect = await overlay.read((root, s) => {
        const r = root.querySelector(s)?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
      }, selector);
      if (!rect) throw new Error(`no ${selector} in the overlay`);
      return rect;
    },
  };
  return overlay;
}

/** Chromium: the DevTools protocol. */
async function cdpCall(page: Page): Promise<RootCall> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let objectId: string | null = null;
  const rootId = async (): Promise<string | null> => {
    if (objectId) return objectId;
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const shadow = findHost(root)?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    return (objectId = object.objectId ?? null);
  };
  return async (fn, arg) => {
    const id = await rootId();
    if (!id) return undefined;
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: id,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the overlay: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
}
