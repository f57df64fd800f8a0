import type { SiteAdapter } from './types';

/** Any page: every hook keeps its default (see utils/dom/fullscreen.ts for fullscreen). */
export const genericSite: SiteAdapter = {
  name: 'generic',
  matches: () => true,
};
