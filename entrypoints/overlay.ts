import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { attachTo } from './video.content/attach';

/**
 * FrameCoach's overlay over one video: the frame engine, comments, drawings, packets and the
 * Preact UI. The content script, which runs in every frame of every page, loads this only
 * when its frame has a video to work on (see video.content/load-overlay.ts); a page without
 * one pays for the key listener, the video finder and the command list alone.
 *
 * Built as an ES module (wxt.config.ts) so the content script can `import()` it; its default
 * export is what `main` returns. Web-accessible with a per-session URL (the manifest's
 * `use_dynamic_url`), so a page can't probe for it.
 */
export default defineUnlistedScript({
  globalName: false,
  main: (): Overlay => ({ attachTo }),
});

export interface Overlay {
  attachTo: typeof attachTo;
}
