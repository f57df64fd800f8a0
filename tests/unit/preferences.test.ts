import { describe, expect, it } from 'vitest';
import { SPEED_LADDER, nextSpeed } from '../../utils/frames/speed';
import { frameHosts, isOffSite } from '../../utils/settings/off-site';
import { DEFAULT_PREFERENCES, patchPreferences, restorePreferences } from '../../utils/settings/preferences';

describe('restorePreferences (stored values, each field on its own)', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_PREFERENCES],
    ['not an object', 'speeds', DEFAULT_PREFERENCES],
    ['good values kept, sorted and without duplicates', { speeds: [2, 0.5, 1, 1], offSites: ['b.com', 'A.com'], panelDock: 'left', theme: 'dark' }, { speeds: [0.5, 1, 2], offSites: ['a.com', 'b.com'], panelDock: 'left', theme: 'dark' }],
    ['a bad field falls back, the other is kept', { speeds: [1], offSites: ['club.example'] }, { ...DEFAULT_PREFERENCES, speeds: [...SPEED_LADDER], offSites: ['club.example'] }],
    ['speeds out of range', { speeds: [0, 1, 2] }, DEFAULT_PREFERENCES],
    ['NaN and strings', { speeds: [NaN, 1], offSites: [42] }, DEFAULT_PREFERENCES],
    ['a theme or a dock that does not exist falls back', { speeds: [1, 2], theme: 'neon', panelDock: 'top' }, { ...DEFAULT_PREFERENCES, speeds: [1, 2] }],
    ['unknown fields dropped', { speeds: [1, 2], volume: 3 }, { ...DEFAULT_PREFERENCES, speeds: [1, 2] }],
  ])('%s', (_, stored, expected) => {
    expect(restorePreferences(stored)).toEqual(expected);
  });

  it('never hands out the defaults object itself', () => {
    const a = restorePreferences(undefined);
    a.speeds.push(9);
    expect(restorePreferences(undefined).speeds).toEqual([...SPEED_LADDER]);
  });
});

describe('patchPreferences (a change from the settings page: whole, or refused)', () => {
  const base = restorePreferences(undefined);
  it.each([
    [{ speeds: [0.25, 1, 4] }, { speeds: [0.25, 1, 4] }],
    [{ offSites: ['https://www.YouTube.com/watch?v=x', ' *.drive.google.com '] }, { offSites: ['drive.google.com', 'www.youtube.com'] }],
    [{ panelDock: 'right' }, { panelDock: 'right' }],
    [{ theme: 'light' }, { theme: 'light' }],
  ])('%j is applied', (patch, changed) => {
    expect(patchPreferences(base, patch)).toEqual({ ...base, ...changed });
  });

  it.each([
    [{ speeds: [1] }, /Speeds: give at least two different speeds/],
    [{ speeds: [1, 32] }, /Speeds: a speed must be at most 16x/],
    [{ speeds: [1, NaN] }, /Speeds: a speed must be a number/],
    [{ offSites: ['not a host!'] }, /Sites: a site is a host name/],
    [{ volume: 3 }, /Unknown preference "volume"/],
    [{ panelDock: 'top' }, /Comment panel: the comment panel docks beside, right, left/],
    [{ theme: 'neon' }, /Theme: the theme is system, light, dark/],
    [null, /must be an object/],
  ])('%j is refused', (patch, message) => {
    expect(() => patchPreferences(base, patch)).toThrow(message);
  });
});

describe('sites where FrameCoach is off', () => {
  it.each([
    ['www.youtube.com', ['youtube.com'], true],
    ['youtube.com', ['youtube.com'], true],
    ['notyoutube.com', ['youtube.com'], false],
    ['drive.google.com', ['www.google.com'], false],
    ['', ['youtube.com'], false],
    ['Club.Example', ['club.example'], true],
  ])('%s with %j off → %s', (host, off, expected) => {
    expect(isOffSite(host, off)).toBe(expected);
  });

  it('a frame belongs to its own host and its top page host, where the browser tells', () => {
    const list = { length: 2, 0: 'https://www.example.com', 1: 'https://drive.google.com', item: () => null, contains: () => false } as unknown as DOMStringList;
    expect(frameHosts({ hostname: 'youtube.googleapis.com', ancestorOrigins: list })).toEqual(['youtube.googleapis.com', 'drive.google.com']);
    expect(frameHosts({ hostname: 'a.com' })).toEqual(['a.com']);
  });
});

describe('nextSpeed on the coach ladder', () => {
  it.each([
    [1, 1, [0.5, 1, 2], 2],
    [2, 1, [0.5, 1, 2], 2],
    [1, -1, [0.5, 1, 2], 0.5],
    [1.5, -1, [0.5, 1, 2], 1],
    [1, 1, [], 1.25],
  ])('from %s by %s on %j → %s', (from, dir, ladder, to) => {
    expect(nextSpeed(from, dir as 1 | -1, ladder)).toBe(to);
  });
});
