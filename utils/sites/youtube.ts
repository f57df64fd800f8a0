import type { SiteAdapter } from './types';

const HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com)$/;

/** YouTube fullscreens its player container, so the overlay lives inside it. */
export const youtubeSite: SiteAdapter = {
  name: 'youtube',
  matches: (url) => HOSTS.test(url.hostname),
  overlayParent: (video) => video.closest('.html5-video-player'),
  fullscreenTarget: (video) => video.closest('.html5-video-player'),
};
