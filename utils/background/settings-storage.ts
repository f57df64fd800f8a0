/**
 * Where the settings live: the extension's local storage (this machine's copy, always
 * written) and, where the browser offers it, its synced storage (the coach's other
 * machines), within sync's quotas: each item under 8 KB (counted in bytes of its JSON), so the
 * two lists that can grow (the keybindings, the sites FrameCoach is off on) are split into
 * chunks. Reading takes whichever copy was saved last. The palette's recent commands and the
 * time of the last backup stay on this machine. When sync refuses (its 100 KB in all, or it is
 * off), this machine's copy is whole and `syncError` says why, for the settings page to show.
 */
import type { Settings } from '../messaging/contract';
import type { SettingsStorage } from './service';

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The service's settings storage, which always says whether the last change reached sync. */
export type SettingsSlot = Required<SettingsStorage>;

/**
 * Sync's quota for one item: the bytes of its key and of its value as JSON (a chunk of text
 * is quoted, its quotes and backslashes escaped, and other languages' letters take 2–4 bytes).
 */
const ITEM_BYTES = 8192;
const utf8 = new TextEncoder();
/** The lists kept in chunks, each as `<name>.count` and `<name>.<n>`. */
const SERIES = ['keybindings', 'offSites'] as const;
type Series = (typeof SERIES)[number];

type Stamped = Partial<Settings> & { savedAt?: number };

/** What `ch` adds to a string's JSON, in bytes. */
function jsonBytes(ch: string): number {
  const code = ch.codePointAt(0)!;
  // Plain printable ASCII is one byte; the rest as JSON writes it (escaped, or as UTF-8).
  if (code >= 0x20 && code < 0x7f && ch !== '"' && ch !== '\\') return 1;
  return utf8.encode(JSON.stringify(ch)).length - 2;
}

/** `text` cut into parts that each fit an item of sync (named `<series>.<n>`). */
export function syncChunks(text: string, series: Series = 'keybindings'): string[] {
  const out: string[] = [];
  let part = '';
  let bytes = 2; // its quotes
  for (const ch of text) {
    const cost = jsonBytes(ch);
    if (part && bytes + cost + `${series}.${out.length}`.length > ITEM_BYTES) {
      out.push(part);
      part = '';
      bytes = 2;
    }
    part += ch;
    bytes += cost;
  }
  if (part) out.push(part);
  return out;
}

/** Series `name` put back together: [] when it has no chunks, undefined when a chunk is missing or broken. */
function readSeries(items: Record<string, unknown>, name: Series): unknown {
  const count = Number(items[`${name}.count`] ?? 0);
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = items[`${name}.${i}`];
    if (typeof part !== 'string') return undefined;
    text += part;
  }
  try {
    return count ? JSON.parse(text) : [];
  } catch {
    return undefined;
  }
}

/**
 * The synced copy, put back together; undefined when there is none. A list whose chunks are
 * broken reads as undefined (this machine's is used). Sites in the main item were synced by
 * a version before they had chunks of their own, and are the newer.
 */
function fromSync(items: Record<string, unknown>): Stamped | undefined {
  const base = items.settings as Stamped | undefined;
  if (!base || typeof base !== 'object') return undefined;
  const keybindings = readSeries(items, 'keybindings') as Settings['keybindings'] | undefined;
  if (Array.isArray(base.preferences?.offSites)) return { ...base, keybindings };
  const offSites = readSeries(items, 'offSites') as string[] | undefined;
  return { ...base, keybindings, preferences: { ...base.preferences, offSites } as Settings['preferences'] };
}

/** The sync items for `lists`, and the names of chunks an earlier, longer list left there. */
async function syncItems(sync: StorageArea, lists: Record<Series, unknown>): Promise<{ items: Record<string, unknown>; stale: string[] }> {
  const items: Record<string, unknown> = {};
  const old = await sync.get(SERIES.map((name) => `${name}.count`));
  const stale: string[] = [];
  for (const name of SERIES) {
    const parts = syncChunks(JSON.stringify(lists[name] ?? []), name);
    items[`${name}.count`] = parts.length;
    parts.forEach((part, i) => (items[`${name}.${i}`] = part));
    const before = Number(old[`${name}.count`] ?? 0);
    for (let i = parts.length; i < before; i++) stale.push(`${name}.${i}`);
  }
  return { items, stale };
}

export function settingsSlot(local: StorageArea, sync: StorageArea | null, now: () => number = Date.now): SettingsSlot {
  /** What was synced last: a change only this machine keeps (recent commands) writes nothing there (sync allows 120 writes a minute). */
  let lastShared = '';
  let syncError: string | null = null;
  return {
    syncError: () => syncError,
    async get() {
      const mine = (await local.get('settings')).settings as Stamped | undefined;
      let synced: Stamped | undefined;
      try {
        synced = sync ? fromSync(await sync.get(null)) : undefined;
      } catch {
        synced = undefined; // sync turned off or failing: this machine's copy
      }
      const newer = synced && (!mine || (synced.savedAt ?? 0) > (mine.savedAt ?? 0)) ? synced : mine;
      if (!newer) return undefined;
      const { savedAt: _, ...settings } = newer;
      // What only this machine keeps, and a broken synced list (keys, sites), come from here.
      const { lastBackupAt: _b, ...rest } = settings;
      const sites = settings.preferences && settings.preferences.offSites === undefined ? mine?.preferences?.offSites : undefined;
      return {
        ...rest,
        ...(sites ? { preferences: { ...settings.preferences!, offSites: sites } } : {}),
        recentCommands: mine?.recentCommands ?? [],
        keybindings: settings.keybindings ?? mine?.keybindings ?? [],
        // A backup holds this machine's database: when it was last made is this machine's.
        ...(mine?.lastBackupAt !== undefined ? { lastBackupAt: mine.lastBackupAt } : {}),
      };
    },
    async set(given) {
      const savedAt = now();
      const { syncError: _s, ...settings } = given;
      await local.set({ settings: { ...settings, savedAt } });
      if (!sync) return;
      const { keybindings, recentCommands: _, lastBackupAt: _b, ...shared } = settings;
      const key = JSON.stringify([shared, keybindings]);
      if (key === lastShared) return;
      const { offSites, ...preferences } = shared.preferences;
      try {
        const { items, stale } = await syncItems(sync, { keybindings, offSites });
        await sync.set({ ...items, settings: { ...shared, preferences, savedAt } });
        if (stale.length) await sync.remove(stale);
        lastShared = key;
        syncError = null;
      } catch (error) {
        // Over a quota, or sync is off: this machine's copy is whole; the others keep theirs.
        console.warn('[FrameCoach] settings not synced', error);
        syncError = error instanceof Error ? error.message : String(error);
      }
    },
  };
}
