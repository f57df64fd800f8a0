import type { SiteAdapter } from './types';

/** Any page: the video's parent goes fullscreen, so the overlay can sit inside it. */
export const genericSite: SiteAdapter = {
  name: 'generic',
  matches: () => true,
  fullscreenTarget: (video) => video.parentElement,
};
