/**
 * Where the settings live: the extension's local storage (this machine's copy, always
 * written) and, where the browser offers it, its synced storage (the coach's other
 * machines), within sync's quotas: each item under 8 KB, so the keybindings are split into
 * chunks. Reading takes whichever copy was saved last. The palette's recent commands and
 * the time of the last backup stay on this machine.
 */
import type { Settings } from '../messaging/contract';

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface SettingsSlot {
  get(): Promise<Partial<Settings> | undefined>;
  set(settings: Settings): Promise<void>;
}

/** Below sync's 8,192-byte item quota (which counts the key too). */
const CHUNK_CHARS = 7000;
const CHUNK_PREFIX = 'keybindings.';

type Stamped = Partial<Settings> & { savedAt?: number };

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) out.push(text.slice(i, i + CHUNK_CHARS));
  return out;
}

/** The synced copy, put back together; undefined when there is none or it is broken. */
function fromSync(items: Record<string, unknown>): Stamped | undefined {
  const base = items.settings as Stamped | undefined;
  if (!base || typeof base !== 'object') return undefined;
  const count = Number(items[`${CHUNK_PREFIX}count`] ?? 0);
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = items[`${CHUNK_PREFIX}${i}`];
    if (typeof part !== 'string') return { ...base, keybindings: undefined };
    text += part;
  }
  try {
    return { ...base, keybindings: count ? (JSON.parse(text) as Settings['keybindings']) : [] };
  } catch {
    return { ...base, keybindings: undefined };
  }
}

export function settingsSlot(local: StorageArea, sync: StorageArea | null, now: () => number = Date.now): SettingsSlot {
  /** What was synced last: a change only this machine keeps (recent commands) writes nothing there (sync allows 120 writes a minute). */
  let lastShared = '';
  return {
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
      // What only this machine keeps, and a broken synced list of keys, come from here.
      const { lastBackupAt: _b, ...rest } = settings;
      return {
        ...rest,
        recentCommands: mine?.recentCommands ?? [],
        keybindings: settings.keybindings ?? mine?.keybindings ?? [],
        // A backup holds this machine's database: when it was last made is this machine's.
        ...(mine?.lastBackupAt !== undefined ? { lastBackupAt: mine.lastBackupAt } : {}),
      };
    },
    async set(settings) {
      const savedAt = now();
      await local.set({ settings: { ...settings, savedAt } });
      if (!sync) return;
      const { keybindings, recentCommands: _, lastBackupAt: _b, ...shared } = settings;
      const key = JSON.stringify([shared, keybindings]);
      if (key === lastShared) return;
      const parts = chunks(JSON.stringify(keybindings));
      const items: Record<string, unknown> = { settings: { ...shared, savedAt }, [`${CHUNK_PREFIX}count`]: parts.length };
      parts.forEach((part, i) => (items[`${CHUNK_PREFIX}${i}`] = part));
      try {
        const old = Number((await sync.get(`${CHUNK_PREFIX}count`))[`${CHUNK_PREFIX}count`] ?? 0);
        await sync.set(items);
        const stale = Array.from({ length: Math.max(0, old - parts.length) }, (_, i) => `${CHUNK_PREFIX}${parts.length + i}`);
        if (stale.length) await sync.remove(stale);
        lastShared = key;
      } catch (error) {
        // Over a quota, or sync is off: this machine's copy is whole; the others keep theirs.
        console.warn('[FrameCoach] settings not synced', error);
      }
    },
  };
}
