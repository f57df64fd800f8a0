/**
 * Finds `<video>` elements in a document: present at load, added later, inside open shadow
 * roots, replaced or removed. Costs one cheap check per added node on pages without video.
 *
 * Web-component players attach their shadow root when their definition runs, which a page
 * may load long after the element is in it (a lazily loaded player). A content script can't
 * use the page's `customElements` (it has its own, empty registry), but `:defined` tells from
 * any world whether an element has been upgraded: custom elements not yet defined are looked
 * at again, more and more rarely, until they are, then scanned.
 */
export interface VideoFinder {
  videos(): ReadonlySet<HTMLVideoElement>;
  /** A video the user touched (pointer or play), so it can become the active one. */
  lastInteracted(): HTMLVideoElement | null;
  dispose(): void;
}

/** First look for definitions after this; then each wait is 1.5 times the last, up to the max. */
const UPGRADE_FIRST_MS = 100;
const UPGRADE_MAX_MS = 5000;
/** Undefined custom elements watched at most (a page may use thousands as plain tags). */
const MAX_UNDEFINED = 500;

export function findVideos(
  doc: Document,
  onChange: () => void,
  signal: AbortSignal,
): VideoFinder {
  const found = new Set<HTMLVideoElement>();
  const observed = new WeakSet<Node>();
  let interacted: HTMLVideoElement | null = null;
  let scheduled = false;
  const pendingRoots: Node[] = [];
  /** Custom elements waiting for their definition (their shadow root comes with it). */
  const undefinedElements = new Set<Element>();
  let upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  let upgradeWait = UPGRADE_FIRST_MS;

  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      // Work queued before an abort must not wake the caller after it has torn down.
      if (!signal.aborted) onChange();
    });
  };
  const add = (video: HTMLVideoElement) => {
    if (found.has(video)) return;
    found.add(video);
    changed();
  };

  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      if (record.removedNodes.length) removed = true;
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (element.tagName === 'VIDEO') add(element as HTMLVideoElement);
        else if (element.firstElementChild) for (const v of element.getElementsByTagName('video')) add(v);
        // Custom elements may attach a shadow root now or a moment later, and may come
        // nested in an added subtree (a framework rendering a section with a player in it).
        if (element.shadowRoot || element.tagName.includes('-') || element.firstElementChild) {
          scheduleScan(element);
        }
        awaitDefinition(element);
      }
    }
    if (removed) {
      for (const video of found) if (!video.isConnected) found.delete(video);
      changed();
    }
  });

  function observe(root: Document | ShadowRoot) {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
    // `play` is not composed: inside a shadow root the document never hears it.
    if (root !== doc) root.addEventListener('play', onPlay, opts);
  }

  /** A custom element not defined yet: scanned once it is (its definition attaches its shadow root). */
  function awaitDefinition(element: Element) {
    if (!element.tagName.includes('-') || element.shadowRoot || element.matches(':defined') || undefinedElements.size >= MAX_UNDEFINED) return;
    undefinedElements.add(element);
    if (upgradeTimer === undefined) {
      upgradeWait = UPGRADE_FIRST_MS;
      upgradeTimer = setTimeout(checkDefinitions, upgradeWait);
    }
  }

  function checkDefinitions() {
    upgradeTimer = undefined;
    if (signal.aborted) return;
    for (const element of undefinedElements) {
      if (!element.isConnected) undefinedElements.delete(element);
      else if (element.shadowRoot || element.matches(':defined')) {
        undefinedElements.delete(element);
        scheduleScan(element);
      }
    }
    if (!undefinedElements.size) return;
    // Soon after load most definitions arrive; later ones are looked for ever more rarely.
    upgradeWait = Math.min(UPGRADE_MAX_MS, upgradeWait * 1.5);
    upgradeTimer = setTimeout(checkDefinitions, upgradeWait);
  }

  /** Walks a subtree for videos and open shadow roots (only where one may be). */
  function scan(root: Node) {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode as Element | null; node; node = walker.nextNode() as Element | null) {
      if (node.tagName === 'VIDEO') add(node as HTMLVideoElement);
      const shadow = node.shadowRoot;
      if (shadow) {
        observe(shadow);
        scan(shadow);
      } else if (node.nodeType === 1) awaitDefinition(node); // (the walk starts at a document or a shadow root)
    }
  }

  function insideAny(node: Node, roots: ReadonlySet<Node>): boolean {
    for (let p = node.parentNode; p; p = p.parentNode) if (roots.has(p)) return true;
    return false;
  }

  function scheduleScan(root: Node) {
    pendingRoots.push(root);
    if (pendingRoots.length > 1) return;
    setTimeout(() => {
      const roots = new Set(pendingRoots.splice(0));
      if (signal.aborted) return;
      // Walk each added subtree once: skip roots inside another root of this batch.
      for (const r of roots) if (r.isConnected && !insideAny(r, roots)) scan(r);
    }, 50);
  }

  const onPointer = (event: Event) => {
    const video = event.composedPath().find((n): n is HTMLVideoElement => (n as Element).tagName === 'VIDEO');
    const target = video ?? videoUnder(event as PointerEvent);
    if (!target) return;
    interacted = target;
    if (!found.has(target)) add(target);
    else changed();
  };
  function videoUnder(event: PointerEvent): HTMLVideoElement | undefined {
    // Players often cover their <video> with a transparent layer that takes the click.
    return [...found].find((v) => {
      const r = v.getBoundingClientRect();
      return event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom;
    });
  }
  const onPlay = (event: Event) => {
    if ((event.target as Element | null)?.tagName !== 'VIDEO') return;
    interacted = event.target as HTMLVideoElement;
    add(interacted);
    changed();
  };

  const opts = { capture: true, passive: true, signal };
  observe(doc);
  scan(doc);
  doc.addEventListener('pointerdown', onPointer, opts);
  doc.addEventListener('play', onPlay, opts);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(upgradeTimer);
  });

  return {
    videos: () => found,
    lastInteracted: () => (interacted?.isConnected ? interacted : null),
    dispose: () => {
      observer.disconnect();
      clearTimeout(upgradeTimer);
    },
  };
}
