import { genericSite } from './generic';
import type { SiteAdapter } from './types';
import { youtubeSite } from './youtube';

/** First match wins; generic is last. */
export const SITES: readonly SiteAdapter[] = [youtubeSite, genericSite];

export function siteFor(href: string): SiteAdapter {
  let url: URL | null = null;
  try {
    url = new URL(href);
  } catch {
    return genericSite;
  }
  return SITES.find((site) => site.matches(url)) ?? genericSite;
}
