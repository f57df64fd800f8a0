/**
 * Finds `<video>` elements in a document: present at load, added later, inside open shadow
 * roots, replaced or removed. Costs one cheap check per added node on pages without video.
 *
 * Web-component players attach their shadow root when their definition runs, which a page
 * may load long after the element is in it (a lazily loaded player). A content script can't
 * use the page's `customElements` (it has its own, empty registry), but `:defined` tells from
 * any world whether an element has been upgraded: custom elements not yet defined are looked
 * at again, more and more rarely, until they are, then scanned.
 *
 * A page that changes its DOM all the time (hundreds of changes a frame) is not followed
 * change by change: the finder stops observing and walks the whole page at most every 250 ms
 * (longer when a walk is costly), observing again after each walk. Videos in the page itself
 * are still seen when they start loading; those in shadow roots by the next walk.
 */
import { HOST_TAG } from './host-tag';

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
/**
 * A page that changes its DOM more than this many times a second (a feed, a live ticker) is
 * not followed change by change: reading every record cost it a fifth more main-thread time.
 * The finder stops observing and walks the page instead, now and then.
 */
const BUSY_RECORDS_PER_S = 600;
/** …or this many in one go (a frame's worth of a busy page). */
const BUSY_RECORDS_AT_ONCE = 100;
/** Walks of a busy page at most this often, and taking at most 1/SWEEP_SHARE of the time. */
const SWEEP_MIN_MS = 250;
const SWEEP_SHARE = 50;

export function findVideos(
  doc: Document,
  onChange: () => void,
  signal: AbortSignal,
): VideoFinder {
  const found = new Set<HTMLVideoElement>();
  let observed = new WeakSet<Node>(); // roots observed since the observer last connected
  const lightVideos = doc.getElementsByTagName('video'); // live
  let windowStart = 0;
  let windowRecords = 0;
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  let sweepGap = SWEEP_MIN_MS;
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

  // Runs for every change a page makes to its DOM, on every page: index loops (no iterator
  // objects), and removals looked at only when there is a video to lose. (Measured on a page
  // that rewrites 200 texts a frame: this callback was most of the content script's cost.)
  const observer = new MutationObserver((records) => {
    const now = performance.now();
    if (now - windowStart > 1000) {
      windowStart = now;
      windowRecords = 0;
    }
    windowRecords += records.length;
    if (windowRecords > BUSY_RECORDS_PER_S || records.length > BUSY_RECORDS_AT_ONCE) {
      busy();
      return;
    }
    let removed = false;
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i]!;
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
      if (found.size && record.removedNodes.length) removed = true;
    }
    if (removed) {
      for (const video of found) if (!video.isConnected) found.delete(video);
      changed();
    }
  });

  /** Too many changes to read one by one: stop observing, look at the page a while later. */
  function busy() {
    observer.disconnect();
    observed = new WeakSet();
    // Videos in the page itself (not in shadow roots) are seen now, and those added meanwhile
    // when they start loading (`loadstart`, below); those in shadow roots by the next walk.
    for (let i = 0; i < lightVideos.length; i++) add(lightVideos[i]!);
    sweepTimer ??= setTimeout(sweep, sweepGap);
  }

  /** Walks the whole page (shadow roots too), observing it again; a costly walk waits longer next time. */
  function sweep() {
    sweepTimer = undefined;
    if (signal.aborted) return;
    const started = performance.now();
    windowStart = started;
    windowRecords = 0;
    observe(doc);
    scan(doc);
    let removed = false;
    for (const video of found) {
      if (!video.isConnected) {
        found.delete(video);
        removed = true;
      }
    }
    if (removed) changed();
    sweepGap = Math.max(SWEEP_MIN_MS, (performance.now() - started) * SWEEP_SHARE);
  }

  function observe(root: Document | ShadowRoot) {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
    // `play` is not composed: inside a shadow root the document never hears it. (Added
    // once per root however often it is observed again: the same listener is not added twice.)
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
      // Our own overlay changes with every frame shown: nothing to find in there.
      if (shadow && node.localName !== HOST_TAG) {
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
  const onLoadStart = (event: Event) => {
    if ((event.target as Element | null)?.tagName === 'VIDEO') add(event.target as HTMLVideoElement);
  };

  const opts = { capture: true, passive: true, signal };
  observe(doc);
  scan(doc);
  doc.addEventListener('pointerdown', onPointer, opts);
  doc.addEventListener('play', onPlay, opts);
  doc.addEventListener('loadstart', onLoadStart, opts);
  const stop = () => {
    observer.disconnect();
    clearTimeout(upgradeTimer);
    clearTimeout(sweepTimer);
  };
  signal.addEventListener('abort', stop);

  return {
    videos: () => found,
    lastInteracted: () => (interacted?.isConnected ? interacted : null),
    dispose: stop,
  };
}
