import type { SiteMatch } from './types';
import { hostOf, parseUrl, segmentsOf } from './url-text';

const HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);
const PLAYER_HOST = 'player.vimeo.com';
const ID = /^\d{1,15}$/;
/** The private hash of an unlisted video: needed to open it, not part of its identity. */
const HASH = /^[0-9a-f]{6,32}$/i;
/** Segments before the id on vimeo.com pages ('*' is any one segment). */
const PREFIXES: readonly (readonly string[])[] = [
  [],
  ['channels', '*'],
  ['groups', '*', 'videos'],
  ['album', '*', 'video'],
  ['showcase', '*', 'video'],
  ['ondemand', '*'],
  ['video'],
  ['manage', 'videos'],
];

/** The numeric id of a Vimeo video page or player URL; null for anything else. */
export function parseVimeoId(url: string): string | null {
  return vimeoOf(parseUrl(url, true))?.id ?? null;
}

export function matchVimeo(url: URL): SiteMatch | null {
  const found = vimeoOf(url);
  if (!found) return null;
  const hash = found.hash ? `/${found.hash}` : '';
  return { id: found.id, openUrl: `https://vimeo.com/${found.id}${hash}` };
}

function vimeoOf(url: URL | null): { id: string; hash: string | null } | null {
  if (!url) return null;
  const host = hostOf(url);
  const segments = segmentsOf(url);
  if (host === PLAYER_HOST) {
    const [kind, id] = segments;
    return kind === 'video' && id && ID.test(id) ? { id, hash: hashOf(url.searchParams.get('h')) } : null;
  }
  if (!HOSTS.has(host)) return null;
  for (const prefix of PREFIXES) {
    const id = segments[prefix.length];
    if (id && ID.test(id) && prefix.every((p, i) => p === '*' || p === segments[i]?.toLowerCase())) {
      return { id, hash: hashOf(segments[prefix.length + 1]) };
    }
  }
  return null;
}

const hashOf = (text: string | null | undefined): string | null =>
  text != null && HASH.test(text) ? text : null;
