import { describe, expect, it } from 'vitest';
import { settingsSlot, syncChunks, type StorageArea } from '../../utils/background/settings-storage';
import type { Settings } from '../../utils/messaging/contract';
import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';

/** A storage area in memory; `quota` makes sets with an item over that many bytes fail, as sync's does (its key and its value's JSON, in UTF-8). */
function area(quota = Infinity) {
  const data: Record<string, unknown> = {};
  let writes = 0;
  const a: StorageArea = {
    async get(keys) {
      if (keys === null) return { ...data };
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) if (new TextEncoder().encode(JSON.stringify(v) + k).length > quota) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      writes++;
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete data[k];
    },
  };
  return { a, data, writes: () => writes };
}

const settings = (patch: Partial<Settings> = {}): Settings => ({
  author: { id: 'kim-1', name: 'Kim' },
  drawing: { color: '#ffcf3f', width: 3, holdSeconds: 1 },
  keybindings: [],
  recentCommands: [],
  preferences: DEFAULT_PREFERENCES,
  ...patch,
});

const manyRules = Array.from({ length: 400 }, (_, i) => ({ key: `ctrl+alt+${String.fromCharCode(97 + (i % 26))}`, command: 'frame.next', when: `paused && looping && i${i}` }));

describe('settings storage: this machine, and sync where the browser has it', () => {
  // Chunks cut at 7,000 characters overflowed: a rule's JSON is a third quotes, each escaped
  // as two bytes in the chunk's own JSON, and a letter of another language takes 2–4 bytes.
  it.each([
    ['short keys, dense with quotes', Array.from({ length: 900 }, (_, i) => ({ key: String.fromCharCode(97 + (i % 26)), command: 'frame.next' }))],
    ['names in other scripts', Array.from({ length: 300 }, (_, i) => ({ key: 'ctrl+ü', command: 'frame.next', when: `paused && 膝の怪我${i} && 🏃` }))],
  ])('keybindings of every kind fit sync, each chunk within its 8,192 bytes: %s', async (_, rules) => {
    const sync = area(8192);
    const s = settings({ keybindings: rules as Settings['keybindings'] });
    await settingsSlot(area().a, sync.a).set(s);
    expect(Number(sync.data['keybindings.count'])).toBeGreaterThan(1);
    expect(await settingsSlot(area().a, sync.a).get()).toEqual({ ...s, recentCommands: [] });
  });

  it('chunks are as full as the quota lets them be, and put back together give the text', () => {
    const text = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ key: 'é', command: `c${i}`, when: 'a "b" \\ 🏃' })));
    const parts = syncChunks(text);
    expect(parts.join('')).toBe(text);
    const size = (part: string, i: number) => new TextEncoder().encode(JSON.stringify(part) + `keybindings.${i}`).length;
    for (const [i, part] of parts.entries()) expect(size(part, i)).toBeLessThanOrEqual(8192);
    // Each but the last would overflow with its next character.
    for (const [i, part] of parts.slice(0, -1).entries()) expect(size(part + [...parts[i + 1]!][0], i)).toBeGreaterThan(8192);
  });

  it('nothing stored reads as nothing', async () => {
    expect(await settingsSlot(area().a, area().a).get()).toBeUndefined();
  });

  it('what is set reads back whole, from either copy', async () => {
    const local = area();
    const sync = area(8192);
    const slot = settingsSlot(local.a, sync.a);
    const s = settings({ keybindings: manyRules, recentCommands: ['frame.next'] });
    await slot.set(s);
    expect(await slot.get()).toEqual(s);
    // A second machine with an empty local copy gets it all from sync, except the recent commands.
    expect(await settingsSlot(area().a, sync.a).get()).toEqual({ ...s, recentCommands: [] });
    // Sync held it within its per-item quota: the keys in several chunks.
    expect(Number(sync.data['keybindings.count'])).toBeGreaterThan(1);
  });

  it('the newer copy wins, and fewer chunks leave none behind', async () => {
    let t = 1000;
    const sync = area(8192);
    const a = settingsSlot(area().a, sync.a, () => t);
    const bLocal = area();
    const b = settingsSlot(bLocal.a, sync.a, () => t);
    await a.set(settings({ keybindings: manyRules }));
    t = 2000;
    await b.set(settings({ author: { id: 'kim-1', name: 'Coach Kim' } }));
    expect((await a.get())?.author?.name).toBe('Coach Kim');
    expect((await a.get())?.keybindings).toEqual([]);
    expect(Object.keys(sync.data).filter((k) => k.startsWith('keybindings.') && k !== 'keybindings.count')).toEqual(['keybindings.0']);
  });

  it('a change of the recent commands only does not write to sync', async () => {
    const sync = area(8192);
    const slot = settingsSlot(area().a, sync.a);
    await slot.set(settings());
    const before = sync.writes();
    await slot.set(settings({ recentCommands: ['view.palette'] }));
    expect(sync.writes()).toBe(before);
  });

  it('sync failing (over quota, or off) keeps this machine whole', async () => {
    const local = area();
    const slot = settingsSlot(local.a, area(10).a);
    const s = settings({ keybindings: manyRules });
    await slot.set(s);
    expect(await slot.get()).toEqual(s);
    const broken: StorageArea = { get: () => Promise.reject(new Error('sync is off')), set: () => Promise.reject(new Error('sync is off')), remove: async () => undefined };
    const slot2 = settingsSlot(local.a, broken);
    await slot2.set(s);
    expect(await slot2.get()).toEqual(s);
  });

  it('the sites FrameCoach is off on are chunked too: 500 long ones sync within the per-item quota', async () => {
    const offSites = Array.from({ length: 500 }, (_, i) => `video-${i}.coaching-club-${'x'.repeat(40)}.example`).sort();
    const s = settings({ preferences: { ...DEFAULT_PREFERENCES, offSites } });
    const sync = area(8192);
    const slot = settingsSlot(area().a, sync.a);
    await slot.set(s);
    expect(slot.syncError()).toBeNull();
    expect(Number(sync.data['offSites.count'])).toBeGreaterThan(1);
    expect((sync.data.settings as Settings).preferences.offSites).toBeUndefined();
    expect(await settingsSlot(area().a, sync.a).get()).toEqual({ ...s, recentCommands: [] });
    // Fewer sites leave no chunk behind.
    await slot.set(settings());
    expect(Object.keys(sync.data).filter((k) => /^offSites\.\d+$/.test(k))).toEqual(['offSites.0']);
    expect((await settingsSlot(area().a, sync.a).get())?.preferences?.offSites).toEqual([]);
  });

  it('sites synced in the main item (before they had chunks) still read; broken chunks fall back to this machine', async () => {
    const sync = area(8192);
    await sync.a.set({ settings: { ...settings(), preferences: { ...DEFAULT_PREFERENCES, offSites: ['old.example'] }, savedAt: 5 } });
    expect((await settingsSlot(area().a, sync.a).get())?.preferences?.offSites).toEqual(['old.example']);
    const local = area();
    await local.a.set({ settings: { ...settings({ preferences: { ...DEFAULT_PREFERENCES, offSites: ['mine.example'] } }), savedAt: 1 } });
    const { offSites: _, ...prefs } = DEFAULT_PREFERENCES;
    await sync.a.set({ settings: { ...settings(), preferences: prefs, savedAt: 9 }, 'offSites.count': 2, 'offSites.0': '["a.exa' });
    expect((await settingsSlot(local.a, sync.a).get())?.preferences?.offSites).toEqual(['mine.example']);
  });

  it('sync refusing a change is said (syncError), not only logged, and cleared once a change gets through', async () => {
    let full = true;
    const inner = area(8192);
    const sync: StorageArea = { ...inner.a, set: (items) => (full ? Promise.reject(new Error('QUOTA_BYTES quota exceeded')) : inner.a.set(items)) };
    const local = area();
    const slot = settingsSlot(local.a, sync);
    await slot.set(settings());
    expect(slot.syncError()).toBe('QUOTA_BYTES quota exceeded');
    full = false;
    await slot.set(settings({ author: { id: 'kim-1', name: 'Coach Kim' } }));
    expect(slot.syncError()).toBeNull();
    // The note is never stored.
    await slot.set({ ...settings(), syncError: 'stale' });
    expect(JSON.stringify(local.data)).not.toContain('stale');
    expect(JSON.stringify(inner.data)).not.toContain('stale');
  });

  it('settings kept before sync existed (local only, no stamp) still read', async () => {
    const local = area();
    await local.a.set({ settings: { author: { id: 'old', name: 'Old' } } });
    expect((await settingsSlot(local.a, area(8192).a).get())?.author).toEqual({ id: 'old', name: 'Old' });
  });
});
