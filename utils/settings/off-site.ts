/**
 * What the content script needs of the preferences, without the schema library (which
 * stays out of the script every frame of every page loads).
 */
export interface Preferences {
  /** The speeds `<` and `>` step through (and the palette offers), ascending. */
  speeds: number[];
  /** Sites (host names) where FrameCoach stays off; a name covers its subdomains. */
  offSites: string[];
}

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
