/**
 * The release build's overlay, read the way DevTools reads it: through the Chrome DevTools
 * Protocol, which reaches into closed shadow roots. A page's scripts have no such way in;
 * the test does, to check what the coach sees while the page sees nothing.
 *
 *   const overlay = await closedOverlay(page);
 *   await overlay.waitFor((root) => !!root.querySelector('.fc-editor'));
 *   const text = await overlay.read((root) => root.textContent);
 */
import type { CDPSession, Page } from 'playwright-core';

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

export async function closedOverlay(page: Page): Promise<ClosedOverlay> {
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
  const call = async <T, A>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | undefined> => {
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
    return result.value as T;
  };
  const overlay: ClosedOverlay = {
    async read(fn, arg) {
      const id = await rootId();
      if (!id) throw new Error('FrameCoach has no overlay in this page');
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
