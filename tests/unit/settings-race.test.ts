/**
 * Settings changes sent at once (a colour, then a width, before the first is stored) both
 * land: the service applies them one after another, each on what the one before stored.
 */
import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService } from '../../utils/background/service';
import type { Settings } from '../../utils/messaging/contract';

/** The service over a fake database, with a settings slot that takes a moment to read and write. */
function service(initial: Settings | undefined) {
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
    broadcast: async () => undefined,
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
});
