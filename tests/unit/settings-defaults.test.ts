import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAWING, cleanDrawingDefaults, createService } from '../../utils/background/service';
import type { DrawingDefaults, Settings } from '../../utils/messaging/contract';

/** The service over a fresh fake database and a settings slot held in memory. */
function service(initial?: Settings) {
  let saved: Settings | undefined = initial;
  const handlers = createService({
    factory: new IDBFactory(),
    settings: { get: async () => saved, set: async (s) => void (saved = s) },
    broadcast: async () => undefined,
  });
  return { handlers, saved: () => saved };
}

/** A patch as it might arrive in a message: any values at all. */
const loose = (patch: Record<string, unknown>) => patch as unknown as Partial<DrawingDefaults>;

const FRESH = { color: '#ffcf3f', width: 3, holdSeconds: 1 };

describe('drawing defaults in settings', () => {
  it('a fresh install starts with the default colour, width and hold', async () => {
    const { handlers, saved } = service();
    expect(DEFAULT_DRAWING).toEqual(FRESH);
    expect((await handlers['settings.get']({}, {})).drawing).toEqual(FRESH);
    expect(saved()?.drawing).toEqual(FRESH);
  });

  it('settings saved before drawing defaults existed get the defaults and keep the author', async () => {
    const { handlers } = service({ author: { id: 'kim-1', name: 'Kim' } } as Settings);
    expect(await handlers['settings.get']({}, {})).toEqual({ author: { id: 'kim-1', name: 'Kim' }, drawing: FRESH, keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES });
  });

  it('a patch changes only what it names, and is kept', async () => {
    const { handlers, saved } = service();
    const afterWidth = await handlers['settings.setDrawingDefaults']({ width: 6 }, {});
    expect(afterWidth.drawing).toEqual({ ...FRESH, width: 6 });
    const afterColor = await handlers['settings.setDrawingDefaults']({ color: '#3fd0ff' }, {});
    expect(afterColor.drawing).toEqual({ color: '#3fd0ff', width: 6, holdSeconds: 1 });
    const afterHold = await handlers['settings.setDrawingDefaults']({ holdSeconds: 2 }, {});
    expect(afterHold.drawing).toEqual({ color: '#3fd0ff', width: 6, holdSeconds: 2 });
    expect(saved()?.drawing).toEqual({ color: '#3fd0ff', width: 6, holdSeconds: 2 });
    expect((await handlers['settings.get']({}, {})).drawing).toEqual({ color: '#3fd0ff', width: 6, holdSeconds: 2 });
  });

  it.each([
    ['a colour name', { color: 'red' }],
    ['a short hex colour', { color: '#fff' }],
    ['a hex colour without #', { color: 'ffcf3f' }],
    ['a CSS expression', { color: 'url(javascript:alert(1))' }],
    ['a number as colour', { color: 0xff0000 }],
    ['width 0', { width: 0 }],
    ['width 1000', { width: 1000 }],
    ['a negative width', { width: -3 }],
    ['width NaN', { width: NaN }],
    ['width Infinity', { width: Infinity }],
    ['width as a string', { width: '4' }],
    ['hold -1', { holdSeconds: -1 }],
    ['hold NaN', { holdSeconds: NaN }],
    ['hold of an hour', { holdSeconds: 3600 }],
    ['hold as a string', { holdSeconds: '2' }],
    ['null values', { color: null, width: null, holdSeconds: null }],
  ])('ignores %s', async (_name, patch) => {
    const { handlers, saved } = service();
    await handlers['settings.setDrawingDefaults']({ color: '#5cff7a', width: 4, holdSeconds: 2 }, {});
    const next = await handlers['settings.setDrawingDefaults'](loose(patch), {});
    expect(next.drawing).toEqual({ color: '#5cff7a', width: 4, holdSeconds: 2 });
    expect(saved()?.drawing).toEqual({ color: '#5cff7a', width: 4, holdSeconds: 2 });
  });

  it('keeps the good values of a patch with a bad one', async () => {
    const { handlers } = service();
    const next = await handlers['settings.setDrawingDefaults'](loose({ color: '#ff4d4d', width: 'wide', holdSeconds: 4 }), {});
    expect(next.drawing).toEqual({ color: '#ff4d4d', width: 3, holdSeconds: 4 });
  });

  it('bad values already stored are replaced by the defaults on load', async () => {
    const stored = { author: { id: 'kim-1', name: 'Kim' }, drawing: { color: 'red', width: 0, holdSeconds: 2 } };
    const { handlers } = service(stored as unknown as Settings);
    expect((await handlers['settings.get']({}, {})).drawing).toEqual({ ...FRESH, holdSeconds: 2 });
  });

  it('renaming the author keeps the drawing defaults', async () => {
    const { handlers, saved } = service();
    await handlers['settings.setDrawingDefaults']({ color: '#ff5cf0', width: 8, holdSeconds: 0.5 }, {});
    const renamed = await handlers['settings.setAuthorName']({ name: 'Coach Kim' }, {});
    expect(renamed.drawing).toEqual({ color: '#ff5cf0', width: 8, holdSeconds: 0.5 });
    expect(saved()?.drawing).toEqual({ color: '#ff5cf0', width: 8, holdSeconds: 0.5 });
    expect((await handlers['settings.get']({}, {})).drawing).toEqual({ color: '#ff5cf0', width: 8, holdSeconds: 0.5 });
  });

  it('changing the drawing defaults keeps the author', async () => {
    const { handlers, saved } = service();
    const renamed = await handlers['settings.setAuthorName']({ name: 'Coach Kim' }, {});
    const next = await handlers['settings.setDrawingDefaults']({ width: 2 }, {});
    expect(next.author).toEqual(renamed.author);
    expect(saved()?.author).toEqual({ id: renamed.author.id, name: 'Coach Kim' });
  });
});

describe('cleanDrawingDefaults', () => {
  const base = { color: '#5cff7a', width: 4, holdSeconds: 2 };

  it('an empty patch gives the base', () => {
    expect(cleanDrawingDefaults({}, base)).toEqual(base);
  });

  it('accepts the ends of the ranges (width 0.5 to 20, hold 0 to 60 s)', () => {
    expect(cleanDrawingDefaults({ width: 0.5, holdSeconds: 0 }, base)).toEqual({ ...base, width: 0.5, holdSeconds: 0 });
    expect(cleanDrawingDefaults({ width: 20, holdSeconds: 60 }, base)).toEqual({ ...base, width: 20, holdSeconds: 60 });
  });

  it('refuses just outside them', () => {
    expect(cleanDrawingDefaults({ width: 0.49, holdSeconds: -0.01 }, base)).toEqual(base);
    expect(cleanDrawingDefaults({ width: 20.01, holdSeconds: 60.01 }, base)).toEqual(base);
  });

  it('accepts any six-digit hex colour, either case', () => {
    expect(cleanDrawingDefaults({ color: '#00AAff' }, base).color).toBe('#00AAff');
  });

  it('refuses a hex colour with extra characters around it', () => {
    expect(cleanDrawingDefaults({ color: '#ffcf3f00' }, base).color).toBe(base.color);
    expect(cleanDrawingDefaults({ color: ' #ffcf3f' }, base).color).toBe(base.color);
  });

  it('does not change the base it was given', () => {
    const copy = { ...base };
    cleanDrawingDefaults({ color: '#000000', width: 1, holdSeconds: 1 }, base);
    expect(base).toEqual(copy);
  });
});
