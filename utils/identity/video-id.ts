/**
 * Canonical video identity: the same video, opened later, in another tab or by an athlete
 * on another machine, maps to the same id. Pure: URL strings in, id out, never throws.
 */
import { matchDrive } from './drive-id';
import type { SiteMatch, VideoIdentity, VideoLocation } from './types';
import { normalizePageUrl, normalizeSrcUrl, parseUrl } from './url-text';
import { matchVimeo } from './vimeo-id';
import { matchYouTube } from './youtube-id';

export type { VideoIdentity, VideoLocation } from './types';
export { parseDriveId } from './drive-id';
export { normalizePageUrl, normalizeSrcUrl } from './url-text';
export { parseVimeoId } from './vimeo-id';
export { parseYouTubeId } from './youtube-id';

/** The id of a video nothing identifies (no usable page URL, no real src): store nothing under it. */
export const UNKNOWN_VIDEO_ID = 'url:unknown';

type KnownSite = Exclude<VideoIdentity['site'], 'web'>;
type Matcher = readonly [KnownSite, (url: URL) => SiteMatch | null];

const YOUTUBE: Matcher = ['youtube', matchYouTube];
const VIMEO: Matcher = ['vimeo', matchVimeo];
const DRIVE: Matcher = ['drive', matchDrive];

/**
 * In order: a YouTube or Vimeo embed frame names its video; else a YouTube, Vimeo or Drive
 * top page does; else a Drive frame (a /preview iframe, the player's docid). Anything else
 * is a web page: 'url:<page>', page being the normalized top URL (the frame URL when the
 * top is unknown or not a page), then '#src=<src>' when the src is a real URL, or, for a
 * video in a sub-frame with no real src, '#frame=<frame url>' (two embedded players on one
 * page stay apart).
 */
export function identifyVideo(location: VideoLocation): VideoIdentity {
  const { topUrl, frameUrl, src } = readLocation(location);
  const frame = parseUrl(frameUrl, true);
  const top = parseUrl(topUrl, true);
  return (
    known(frame, [YOUTUBE, VIMEO]) ??
    known(top, [YOUTUBE, VIMEO, DRIVE]) ??
    known(frame, [DRIVE]) ??
    webIdentity(topUrl, frameUrl, src)
  );
}

function known(url: URL | null, matchers: readonly Matcher[]): VideoIdentity | null {
  if (!url) return null;
  for (const [site, match] of matchers) {
    const found = match(url);
    if (found) return { id: `${site}:${found.id}`, site, openUrl: found.openUrl };
  }
  return null;
}

function webIdentity(topUrl?: string, frameUrl?: string, src?: string): VideoIdentity {
  const top = topUrl === undefined ? null : normalizePageUrl(topUrl);
  const frame = frameUrl === undefined ? null : normalizePageUrl(frameUrl);
  const page = top ?? frame;
  const media = normalizeSrcUrl(src);
  if (page) {
    let suffix = '';
    if (media) suffix = media === page ? '' : `#src=${media}`;
    else if (frame && frame !== page) suffix = `#frame=${frame}`;
    return { id: `url:${page}${suffix}`, site: 'web', openUrl: page };
  }
  if (media) return { id: `url:${media}`, site: 'web', openUrl: media };
  return { id: UNKNOWN_VIDEO_ID, site: 'web', openUrl: '' };
}

/** Only string fields count: the location may come from a message or a stored record. */
function readLocation(location: unknown): { topUrl?: string; frameUrl?: string; src?: string } {
  if (typeof location !== 'object' || location === null) return {};
  const { topUrl, frameUrl, src } = location as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { topUrl: text(topUrl), frameUrl: text(frameUrl), src: text(src) };
}

/** The address a canonical id itself names: a site's watch/view page, or a page's own URL. */
export function addressOf(videoId: string): string {
  const colon = videoId.indexOf(':');
  const site = videoId.slice(0, colon);
  const rest = videoId.slice(colon + 1);
  if (site === 'youtube') return `https://www.youtube.com/watch?v=${encodeURIComponent(rest)}`;
  if (site === 'vimeo') return `https://vimeo.com/${encodeURIComponent(rest)}`;
  if (site === 'drive') return `https://drive.google.com/file/d/${encodeURIComponent(rest)}/view`;
  if (site !== 'url' || rest === 'unknown') return '';
  return rest.replace(/#(src|frame)=.*$/, '');
}

/**
 * Where to open `videoId`: `claimed` (an address someone sent, e.g. in a packet) only when it
 * names that very video (a Drive link's resource key is kept that way); otherwise the address
 * the id itself names. A packet can't send the library to another site.
 */
export function trustedAddress(videoId: string, claimed: string): string {
  const own = addressOf(videoId);
  if (!claimed) return own;
  const named = identifyVideo({ topUrl: claimed, frameUrl: claimed }).id;
  if (named === videoId) return normalizePageUrl(claimed) ?? own;
  const page = normalizePageUrl(claimed);
  return page !== null && page === own ? page : own;
}
