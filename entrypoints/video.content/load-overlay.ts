import { browser } from 'wxt/browser';
import type { Overlay } from '../overlay';

/**
 * The overlay module (entrypoints/overlay.ts), loaded once per frame, when the frame first
 * has a video to work on. A failed load (the extension was updated or reloaded under the page)
 * is not kept: the next try loads it again.
 */
let loading: Promise<Overlay> | null = null;

/**
 * In a web page, the extension's web-accessible file (Chromium names it by a per-session
 * address). On the extension's own pages (the tour runs FrameCoach itself) that address is
 * another origin to the page's `script-src 'self'`: there it is the page's own file.
 */
const overlayUrl = () => (/^(chrome|moz)-extension:$/.test(location.protocol) ? '/overlay.js' : browser.runtime.getURL('/overlay.js'));

export function loadOverlay(): Promise<Overlay> {
  loading ??= import(/* @vite-ignore */ overlayUrl()).then(
    (module: { default: Overlay }) => module.default,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
