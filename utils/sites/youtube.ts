import { playerFpsIn } from './player-fps';
import type { SiteAdapter } from './types';

const HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com)$|^youtube\.googleapis\.com$/;

const player = (video: HTMLVideoElement) => video.closest('.html5-video-player');
/** The video id in a YouTube address (watch, Shorts, embed, live). */
const idIn = (url: URL) => url.searchParams.get('v') ?? /^\/(?:shorts|embed|live)\/([\w-]{11})/.exec(url.pathname)?.[1] ?? null;

/**
 * YouTube fullscreens its player container, so the overlay lives inside it. Ads play in the
 * same <video>; the player carries `ad-showing` (or `ad-interrupting`) meanwhile.
 */
export const youtubeSite: SiteAdapter = {
  name: 'youtube',
  matches: (url) => HOSTS.test(url.hostname),
  overlayParent: player,
  fullscreenTarget: player,
  playerFps(video) {
    const doc = video.ownerDocument;
    const id = idIn(new URL(doc.location.href));
    return id ? playerFpsIn(doc.scripts, id, video.videoHeight) : null;
  },
  adPlaying: (video) => !!player(video)?.matches('.ad-showing, .ad-interrupting'),
  watchAds(video, changed) {
    const element = player(video);
    if (!element) return () => undefined;
    const observer = new MutationObserver(changed);
    observer.observe(element, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  },
};
