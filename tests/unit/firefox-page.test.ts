import { describe, expect, it } from 'vitest';
import { parseChord } from '../e2e/firefox-page';

describe("the Firefox facade reads Playwright's key chords", () => {
  it.each([
    ['.', [], '.'],
    ['k', [], 'k'],
    ['Shift+ArrowRight', ['Shift'], 'ArrowRight'],
    ['Shift+e', ['Shift'], 'E'],
    ['Shift+E', ['Shift'], 'E'],
    ['Control+Shift+z', ['Control', 'Shift'], 'Z'],
    ['ControlOrMeta+c', ['Control'], 'c'],
    ['Alt+l', ['Alt'], 'l'],
    ['Space', [], ' '],
    ['+', [], '+'],
    ['Shift++', ['Shift'], '+'],
  ])('%s', (chord, modifiers, key) => {
    expect(parseChord(chord)).toEqual({ modifiers, key });
  });

  it('names a modifier it does not know', () => {
    expect(() => parseChord('Hyper+k')).toThrow(/unknown modifier "Hyper"/);
  });
});
