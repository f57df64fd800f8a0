/**
 * The coach's preferences on the settings page, checked with valibot (the schema library
 * the packets use). Stored values are restored field by field: a missing or bad field gets
 * its default and the others are kept. A change from the page is checked whole and refused
 * with a message that names the problem, so nothing half-valid is stored.
 */
import * as v from 'valibot';
import { DEFAULT_PREFERENCES, PANEL_DOCKS, THEMES, type Preferences } from './off-site';

export type { Preferences };
export { DEFAULT_PREFERENCES };

const MAX_SPEEDS = 20;
const MAX_SITES = 500;

/** Browsers play from 1/16x to 16x. */
const speed = v.pipe(
  v.number('a speed must be a number'),
  v.finite('a speed must be a finite number'),
  v.minValue(0.0625, 'a speed must be at least 0.0625x'),
  v.maxValue(16, 'a speed must be at most 16x'),
);

const speeds = v.pipe(
  v.array(speed, 'speeds must be a list of numbers'),
  v.transform((list) => [...new Set(list.map((s) => Math.round(s * 1e4) / 1e4))].sort((a, b) => a - b)),
  v.minLength(2, 'give at least two different speeds'),
  v.maxLength(MAX_SPEEDS, `at most ${MAX_SPEEDS} speeds`),
);

const site = v.pipe(
  v.string('a site must be text'),
  v.trim(),
  v.toLowerCase(),
  v.transform((s) => s.replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '').replace(/^\*\./, '')),
  v.regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'a site is a host name such as www.youtube.com'),
);

const offSites = v.pipe(
  v.array(site, 'sites must be a list'),
  v.transform((list) => [...new Set(list)].sort()),
  v.maxLength(MAX_SITES, `at most ${MAX_SITES} sites`),
);

const panelDock = v.picklist(PANEL_DOCKS, `the comment panel docks ${PANEL_DOCKS.join(', ')}`);
const theme = v.picklist(THEMES, `the theme is ${THEMES.join(', ')}`);

const FIELDS = { speeds, offSites, panelDock, theme } as const;
/** How a refused field is named in the message. */
const LABELS: Record<keyof Preferences, string> = { speeds: 'Speeds', offSites: 'Sites', panelDock: 'Comment panel', theme: 'Theme' };

/** Stored preferences, restored: each field checked on its own, the default where it fails. */
export function restorePreferences(stored: unknown): Preferences {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out: Preferences = { ...DEFAULT_PREFERENCES, speeds: [...DEFAULT_PREFERENCES.speeds], offSites: [] };
  for (const key of Object.keys(FIELDS) as (keyof Preferences)[]) {
    const result = v.safeParse(FIELDS[key], record[key]);
    if (result.success) (out as unknown as Record<string, unknown>)[key] = result.output;
  }
  return out;
}

/** `patch` over `current`, or an Error naming what is wrong (nothing is applied then). */
export function patchPreferences(current: Preferences, patch: unknown): Preferences {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Preferences must be an object.');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in FIELDS)) throw new Error(`Unknown preference "${key}".`);
    const result = v.safeParse(FIELDS[key as keyof Preferences], value);
    if (!result.success) throw new Error(`${LABELS[key as keyof Preferences]}: ${result.issues[0].message}.`);
    (next as unknown as Record<string, unknown>)[key] = result.output;
  }
  return next;
}
