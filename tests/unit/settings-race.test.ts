/**
 * Settings changes sent at once (a colour, then a width, before the first is stored) both
 * land: the service applies them one after another, each on what the one before stored.
 */
import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createService } from '../../utils/background/service';
import type { Settings } from '../../utils/messaging/contract';

/** The service over a fake database, with a settings slot that takes a moment to read and write. */
function service(initial: Settings | undefined, broadcast: () => Promise<void> = async () => undefined) {
  let saved: Settings | undefined = initial;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const handlers = createService({
    factory: new IDBFactory(),
    settings: {
      get: async () => {
        await tick();
        return saved;
      },
      set: async (next) => {
        await tick();
        saved = next;
      },
    },
    broadcast,
  });
  return { handlers, saved: () => saved };
}

const KIM: Settings = { author: { id: 'kim-1', name: 'Kim' }, drawing: { color: '#ffcf3f', width: 3, holdSeconds: 1 }, keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES };

describe('settings changes in flight at once', () => {
  it('two drawing-default patches (colour, width) both stay', async () => {
    const { handlers, saved } = service(KIM);
    const [afterColor, afterWidth] = await Promise.all([
      handlers['settings.setDrawingDefaults']({ color: '#ff4d4d' }, {}),
      handlers['settings.setDrawingDefaults']({ width: 6 }, {}),
    ]);
    expect(saved()?.drawing).toEqual({ color: '#ff4d4d', width: 6, holdSeconds: 1 });
    expect(afterColor.drawing).toEqual({ color: '#ff4d4d', width: 3, holdSeconds: 1 });
    expect(afterWidth.drawing).toEqual({ color: '#ff4d4d', width: 6, holdSeconds: 1 });
    expect((await handlers['settings.get']({}, {})).drawing).toEqual({ color: '#ff4d4d', width: 6, holdSeconds: 1 });
  });

  it('a rename and a drawing-default patch at once both stay', async () => {
    const { handlers, saved } = service(KIM);
    await Promise.all([
      handlers['settings.setAuthorName']({ name: 'Coach Kim' }, {}),
      handlers['settings.setDrawingDefaults']({ holdSeconds: 2 }, {}),
    ]);
    expect(saved()).toEqual({ author: { id: 'kim-1', name: 'Coach Kim' }, drawing: { color: '#ffcf3f', width: 3, holdSeconds: 2 }, keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES });
  });

  // Seen in the e2e suite under load: on a fresh profile the overlay's first settings read
  // (which makes the author) was still running when the coach typed a name; it stored its
  // fresh "Coach" after the rename, and the name was lost.
  it('a first read on a fresh profile (it makes the author) and a rename at once: the name stays', async () => {
    const { handlers, saved } = service(undefined);
    const [read, renamed] = await Promise.all([
      handlers['settings.get']({}, {}),
      handlers['settings.setAuthorName']({ name: 'Sam' }, {}),
      handlers['settings.get']({}, {}),
    ]);
    expect(saved()?.author.name).toBe('Sam');
    expect(renamed.author.id).toBe(read.author.id); // one author, made once
    expect((await handlers['settings.get']({}, {})).author).toEqual(renamed.author);
  });

  // A video tab that applied new speeds a second late (a busy machine) still had the old ones
  // when the settings page said saved: a '>' pressed then went to 1.25x, not 2x.
  it('a change is answered once open tabs have applied it, and a tab that never answers holds it 3 s at most', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let applied: () => void = () => undefined;
      const late = service(KIM, () => new Promise<void>((done) => (applied = done)));
      let answered = false;
      const change = late.handlers['settings.setPreferences']({ speeds: [0.5, 1, 2] }, {}).then(() => (answered = true));
      await vi.advanceTimersByTimeAsync(500);
      expect(late.saved()?.preferences.speeds).toEqual([0.5, 1, 2]); // stored, being told
      expect(answered).toBe(false);
      applied();
      await change;

      const hung = service(KIM, () => new Promise<void>(() => undefined));
      answered = false;
      const stuck = hung.handlers['settings.setPreferences']({ speeds: [1, 2] }, {}).then(() => (answered = true));
      await vi.advanceTimersByTimeAsync(2_900);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      await stuck;
      expect(answered).toBe(true);
      // What comes next is not held up by the telling of the change before.
      const read = hung.handlers['settings.get']({}, {});
      await vi.advanceTimersByTimeAsync(10);
      expect((await read).preferences.speeds).toEqual([1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });
});
