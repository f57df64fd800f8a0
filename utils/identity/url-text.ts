/**
 * URL text handling shared by the identity parsers: parsing that never throws, and the
 * normalization that makes two spellings of one address compare equal.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** 'youtu.be/x', 'www.youtube.com/watch?v=x': a host name, then a path, query or the end. */
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]|$)/i;

/**
 * Absolute URL text → URL, or null (relative, empty, not a string). `lenient` also accepts
 * what people paste: 'youtu.be/ID' and '//vimeo.com/1' are read as https.
 */
export function parseUrl(input: unknown, lenient = false): URL | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (SCHEME.test(text)) return tryUrl(text);
  if (!lenient) return null;
  if (text.startsWith('//')) return tryUrl(`https:${text}`);
  return BARE_HOST.test(text) ? tryUrl(`https://${text}`) : null;
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The host name without a trailing root dot ('youtube.com.' is youtube.com). */
export const hostOf = (url: URL): string => url.hostname.replace(/\.$/, '');

/** Non-empty path segments, as written. */
export const segmentsOf = (url: URL): string[] => url.pathname.split('/').filter((s) => s !== '');

const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid',
  'ttclid', 'mc_cid', 'mc_eid', 'ref_src', 'igshid', 'igsh', 'si', '_ga', '_gl', 'mkt_tok',
  '_hsenc', '_hsmi',
]);
/** Query parameters that say how someone arrived, not what they are looking at. */
const isTracking = (key: string): boolean => {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING.has(k);
};

/** Signed-URL credentials (S3, CloudFront, GCS): they change on every load and must not be exported. */
const SIGNING = new Set(['AWSAccessKeyId', 'Signature', 'Expires', 'Policy', 'Key-Pair-Id']);
const isSigning = (key: string): boolean =>
  SIGNING.has(key) || /^x-(amz|goog)-/i.test(key);

const PAGE_SCHEMES = new Set(['http:', 'https:', 'file:', 'chrome-extension:', 'moz-extension:']);
const SRC_SCHEMES = new Set(['http:', 'https:', 'file:']);

/**
 * A page URL in canonical form, or null when it names no page (relative, about:, data:,
 * blob:, garbage). Lowercase scheme and host, no default port, no credentials, no
 * fragment, no tracking parameters, remaining parameters sorted by name (repeats keep
 * their order), no trailing slash except the root, %-escapes tidied.
 */
export function normalizePageUrl(url: string): string | null {
  const parsed = parseUrl(url);
  return parsed && PAGE_SCHEMES.has(parsed.protocol) ? serialize(parsed, isTracking) : null;
}

/**
 * A media URL in canonical form, or null when it is not a real location (blob:, data:,
 * mediastream:, ''). Same rules as pages; signed-URL credentials are dropped too, and the
 * fragment (a '#t=' media fragment) goes with the rest of the fragment.
 */
export function normalizeSrcUrl(src: string | undefined): string | null {
  if (typeof src !== 'string' || !/^\s*(https?|file):/i.test(src)) return null;
  const parsed = parseUrl(src);
  return parsed && SRC_SCHEMES.has(parsed.protocol)
    ? serialize(parsed, (key) => isTracking(key) || isSigning(key))
    : null;
}

function serialize(url: URL, drop: (key: string) => boolean): string {
  const hostname = hostOf(url);
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  const path = tidyEscapes(url.pathname).replace(/\/+$/, '') || '/';
  const pairs = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => ({ pair: tidyEscapes(pair), key: decodeKey(pair) }))
    .filter(({ key }) => !drop(key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // stable: repeats keep order
  const query = pairs.length > 0 ? `?${pairs.map((p) => p.pair).join('&')}` : '';
  return `${url.protocol}//${host}${path}${query}`;
}

function decodeKey(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** '%7e' → '~' (unreserved characters need no escape), '%2f' → '%2F' (one spelling of the rest). */
function tidyEscapes(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9._~-]$/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}
