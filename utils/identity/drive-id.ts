import type { SiteMatch } from './types';
import { hostOf, parseUrl } from './url-text';

const DRIVE_HOSTS = new Set(['drive.google.com', 'docs.google.com', 'drive.usercontent.google.com']);
/** Drive's video player frame: youtube.googleapis.com/embed/?…&docid=ID. */
const PLAYER_HOST = 'youtube.googleapis.com';
/** /file/d/ID, behind an optional Workspace '/a/<domain>' and account '/u/<n>' in either place. */
const FILE_PATH = /^(?:\/a\/[^/]+)?(?:\/u\/\d+)?\/file(?:\/u\/\d+)?\/d\/([^/]+)/;
const ID = /^[A-Za-z0-9_-]{10,}$/;
/** Files shared before 2021 open by link only with their resource key ('0-…'). */
const RESOURCE_KEY = /^[A-Za-z0-9_-]+$/;

const validId = (text: string | null | undefined): string | null =>
  text != null && ID.test(text) ? text : null;

/** The file id of a Google Drive file, open, download or player URL; null for anything else. */
export function parseDriveId(url: string): string | null {
  const parsed = parseUrl(url, true);
  return parsed ? driveIdOf(parsed) : null;
}

export function matchDrive(url: URL): SiteMatch | null {
  const id = driveIdOf(url);
  if (!id) return null;
  const key = url.searchParams.get('resourcekey');
  const query = key && RESOURCE_KEY.test(key) ? `?resourcekey=${key}` : '';
  return { id, openUrl: `https://drive.google.com/file/d/${id}/view${query}` };
}

function driveIdOf(url: URL): string | null {
  const host = hostOf(url);
  if (DRIVE_HOSTS.has(host)) {
    const path = FILE_PATH.exec(url.pathname);
    if (path) return validId(path[1]);
    return validId(url.searchParams.get('id')) ?? validId(url.searchParams.get('docid'));
  }
  return host === PLAYER_HOST ? validId(url.searchParams.get('docid')) : null;
}
