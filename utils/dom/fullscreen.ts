/**
 * FrameCoach's own fullscreen: the video's player (or parent) goes fullscreen, so the
 * overlay can live inside it. A fullscreen <video> element itself can't show anything over
 * it. When the page's CSS doesn't make the video fill the screen, the video is stretched to
 * the screen while fullscreen lasts and its own style is put back afterwards.
 */
const FILL =
  'position:fixed!important;inset:0!important;width:100vw!important;height:100vh!important;' +
  'max-width:none!important;max-height:none!important;margin:0!important;' +
  'object-fit:contain!important;background:#000!important;z-index:2147483646!important;';

/** Said when the browser won't fullscreen (the page's permissions policy, or no key or click just before). */
export const FULLSCREEN_REFUSED = 'Fullscreen was refused here (the page does not allow it, or the browser wants a key or click first).';

/** The video's nearest ancestor that is not the page itself, or the body. */
export function defaultFullscreenTarget(video: HTMLVideoElement): Element {
  const doc = video.ownerDocument;
  const parent = video.parentElement;
  return parent && parent !== doc.documentElement ? parent : (doc.body ?? doc.documentElement);
}

export async function toggleFullscreen(video: HTMLVideoElement, target: Element): Promise<void> {
  const doc = video.ownerDocument;
  const view = doc.defaultView ?? window;
  if (doc.fullscreenElement) {
    await doc.exitFullscreen();
    return;
  }
  await target.requestFullscreen();
  // Give the page a frame to lay itself out for fullscreen, then check the video fills it.
  await new Promise((resolve) => view.requestAnimationFrame(() => view.requestAnimationFrame(resolve)));
  if (doc.fullscreenElement !== target) return; // Already left again.
  const r = video.getBoundingClientRect();
  if (r.width >= view.innerWidth * 0.9 || r.height >= view.innerHeight * 0.9) return;
  const saved = video.getAttribute('style');
  video.style.cssText += FILL;
  const restore = () => {
    if (doc.fullscreenElement) return;
    doc.removeEventListener('fullscreenchange', restore);
    if (saved === null) video.removeAttribute('style');
    else video.setAttribute('style', saved);
  };
  doc.addEventListener('fullscreenchange', restore);
}
