/**
 * Keys the sites themselves use, as data: the options page warns when a FrameCoach key is
 * also one of the site's (FrameCoach's capture-phase listener takes a key it has a command
 * for while its overlay is on, so the site no longer gets it there). Chords are written as
 * keys.ts writes them (`shift+n`, `<`, `arrowleft`).
 */
import { normalizeChord } from '../commands/keys';

export interface SiteKey {
  readonly key: string;
  /** What the site does with it. */
  readonly what: string;
}

export interface SiteKeys {
  readonly site: string;
  readonly keys: readonly SiteKey[];
}

const digits: SiteKey[] = Array.from({ length: 10 }, (_, n) => ({ key: String(n), what: `Jump to ${n * 10}% of the video` }));

/** YouTube's player shortcuts (its own "Keyboard shortcuts" list, `?` on a watch page). */
export const YOUTUBE_KEYS: readonly SiteKey[] = [
  { key: 'k', what: 'Play / pause' },
  { key: 'space', what: 'Play / pause' },
  { key: 'j', what: 'Back 10 seconds' },
  { key: 'l', what: 'Forward 10 seconds' },
  { key: 'arrowleft', what: 'Back 5 seconds' },
  { key: 'arrowright', what: 'Forward 5 seconds' },
  { key: 'arrowup', what: 'Volume up' },
  { key: 'arrowdown', what: 'Volume down' },
  { key: 'ctrl+arrowleft', what: 'Previous chapter' },
  { key: 'ctrl+arrowright', what: 'Next chapter' },
  { key: 'f', what: 'Fullscreen' },
  { key: 't', what: 'Theater mode' },
  { key: 'i', what: 'Miniplayer' },
  { key: 'm', what: 'Mute' },
  { key: 'c', what: 'Captions on / off' },
  { key: 'o', what: 'Caption text opacity' },
  { key: 'w', what: 'Caption window opacity (pans up in a 360° video)' },
  { key: 'a', what: 'Pans left in a 360° video' },
  { key: 's', what: 'Pans down in a 360° video' },
  { key: 'd', what: 'Pans right in a 360° video' },
  { key: '+', what: 'Larger captions' },
  { key: '-', what: 'Smaller captions' },
  ...digits,
  { key: ',', what: 'Previous frame (while paused)' },
  { key: '.', what: 'Next frame (while paused)' },
  { key: '<', what: 'Slower' },
  { key: '>', what: 'Faster' },
  { key: '/', what: 'Search box' },
  { key: '?', what: 'Keyboard shortcuts' },
  { key: 'home', what: 'Start of the video' },
  { key: 'end', what: 'End of the video' },
  { key: 'shift+n', what: 'Next video' },
  { key: 'shift+p', what: 'Previous video' },
  { key: 'escape', what: 'Leave fullscreen, close dialogs' },
];

/** Every site with keys of its own. */
export const SITE_KEYS: readonly SiteKeys[] = [{ site: 'YouTube', keys: YOUTUBE_KEYS }];

/** What each site does with a chord (none: an empty list). */
export function siteKeysFor(chord: string, sites: readonly SiteKeys[] = SITE_KEYS): Array<{ site: string; what: string }> {
  const key = normalizeChord(chord);
  return sites.flatMap(({ site, keys }) => keys.filter((k) => k.key === key).map(({ what }) => ({ site, what })));
}
