import { SPEED_LADDER } from '../frames/speed';

/**
 * What the content script needs of the preferences, without the schema library (which
 * stays out of the script every frame of every page loads).
 */
export interface Preferences {
  /** The speeds `<` and `>` step through (and the palette offers), ascending. */
  speeds: number[];
  /** Sites (host names) where FrameCoach stays off; a name covers its subdomains. */
  offSites: string[];
  /** Where the comment panel goes: beside the picture when the page has room (else over its right edge), or over its right or left edge. */
  panelDock: PanelDock;
  /** The extension's pages: light or dark, or as the system says. */
  theme: Theme;
}

export const PANEL_DOCKS = ['beside', 'right', 'left'] as const;
export type PanelDock = (typeof PANEL_DOCKS)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({ speeds: [...SPEED_LADDER], offSites: [], panelDock: 'beside', theme: 'system' });

/** Whether FrameCoach is off on `host` (a listed site or a subdomain of one). */
export function isOffSite(host: string, off: readonly string[]): boolean {
  const h = host.toLowerCase();
  return !!h && off.some((s) => h === s || h.endsWith(`.${s}`));
}

/** The hosts a frame belongs to: its own and, where the browser says, the top page's (a player frame on Drive). */
export function frameHosts(loc: Pick<Location, 'hostname'> & { ancestorOrigins?: DOMStringList }): string[] {
  const hosts = [loc.hostname];
  const ancestors = loc.ancestorOrigins;
  if (ancestors && ancestors.length) {
    try {
      hosts.push(new URL(ancestors[ancestors.length - 1]!).hostname);
    } catch {
      // an opaque origin ("null"): nothing to add
    }
  }
  return hosts.filter(Boolean);
}
