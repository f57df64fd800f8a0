/**
 * Where the settings live: the extension's local storage (this machine's copy, always
 * written) and, where the browser offers it, its synced storage (the coach's other
 * machines), within sync's quotas: each item under 8 KB (counted in bytes of its JSON), so the
 * keybindings are split into chunks. Reading takes whichever copy was saved last. The palette's recent commands and
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

/**
 * Sync's quota for one item: the bytes of its key and of its value as JSON (a chunk of text
 * is quoted, its quotes and backslashes escaped, and other languages' letters take 2–4 bytes).
 */
const ITEM_BYTES = 8192;
const CHUNK_PREFIX = 'keybindings.';
const utf8 = new TextEncoder();

type Stamped = Partial<Settings> & { savedAt?: number };

/** What `ch` adds to a string's JSON, in bytes. */
function jsonBytes(ch: string): number {
  const code = ch.codePointAt(0)!;
  // Plain printable ASCII is one byte; the rest as JSON writes it (escaped, or as UTF-8).
  if (code >= 0x20 && code < 0x7f && ch !== '"' && ch !== '\\') return 1;
  return utf8.encode(JSON.stringify(ch)).length - 2;
}

/** `text` cut into parts that each fit an item of sync (named `keybindings.<n>`). */
export function syncChunks(text: string): string[] {
  const out: string[] = [];
  let part = '';
  let bytes = 2; // its quotes
  for (const ch of text) {
    const cost = jsonBytes(ch);
    if (part && bytes + cost + `${CHUNK_PREFIX}${out.length}`.length > ITEM_BYTES) {
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
      const parts = syncChunks(JSON.stringify(keybindings));
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
