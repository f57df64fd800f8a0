import type { SiteMatch } from './types';
import { hostOf, parseUrl, segmentsOf } from './url-text';

const WATCH_HOSTS = new Set([
  'youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com',
  'youtube-nocookie.com', 'www.youtube-nocookie.com',
]);
const SHORT_HOSTS = new Set(['youtu.be', 'www.youtu.be']);
/** Old Flash-era embeds; Drive's player frame lives here too but carries `docid`, no path id. */
const API_HOST = 'youtube.googleapis.com';
/** Path forms whose next segment is the video id. */
const ID_PATHS = new Set(['shorts', 'embed', 'live', 'v', 'e']);
const ID = /^[A-Za-z0-9_-]{11}$/;
/** 11 characters of the id alphabet that are not ids: '/embed/videoseries?list=…' is a playlist. */
const NOT_IDS = new Set(['videoseries']);

const validId = (text: string | null | undefined): string | null =>
  text != null && ID.test(text) && !NOT_IDS.has(text) ? text : null;

/** The 11-character video id of a YouTube watch, short, embed or live URL; null for anything else. */
export function parseYouTubeId(url: string): string | null {
  const parsed = parseUrl(url, true);
  return parsed ? youTubeIdOf(parsed, 0) : null;
}

export function matchYouTube(url: URL): SiteMatch | null {
  const id = youTubeIdOf(url, 0);
  return id ? { id, openUrl: `https://www.youtube.com/watch?v=${id}` } : null;
}

function youTubeIdOf(url: URL, depth: number): string | null {
  const host = hostOf(url);
  const [first, second] = segmentsOf(url);
  if (SHORT_HOSTS.has(host)) return validId(first);
  const kind = first?.toLowerCase();
  if (host === API_HOST) return kind === 'v' || kind === 'embed' ? validId(second) : null;
  if (!WATCH_HOSTS.has(host) || kind === undefined) return null;
  if (kind === 'watch') return second === undefined ? validId(url.searchParams.get('v')) : null;
  if (ID_PATHS.has(kind)) return validId(second);
  if (kind === 'attribution_link' && depth < 2) {
    // Share links of old: /attribution_link?u=/watch%3Fv%3DID%26feature%3Dshare
    const inner = parseUrl(`${url.origin}${url.searchParams.get('u') ?? ''}`);
    return inner ? youTubeIdOf(inner, depth + 1) : null;
  }
  return null;
}
