import { describe, expect, it } from 'vitest';
import { chordLabel, chordOf, normalizeChord, type KeyLike } from '../../utils/commands/keys';

type Mods = Partial<Omit<KeyLike, 'key' | 'code'>>;

const ev = (key: string, mods: Mods = {}, code?: string): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('chordOf', () => {
  it.each([
    // printable non-letters: the character already carries Shift
    ['.', ev('.', {}, 'Period'), '.'],
    [',', ev(',', {}, 'Comma'), ','],
    ['Shift+, gives <', ev('<', { shiftKey: true }, 'Comma'), '<'],
    ['Shift+. gives >', ev('>', { shiftKey: true }, 'Period'), '>'],
    ['Shift+/ gives ?', ev('?', { shiftKey: true }, 'Slash'), '?'],
    ['Shift+1 gives !', ev('!', { shiftKey: true }, 'Digit1'), '!'],
    ['+', ev('+', { shiftKey: true }, 'Equal'), '+'],
    ['\\', ev('\\', {}, 'Backslash'), '\\'],
    // letters: lower case, Shift written
    ['k', ev('k', {}, 'KeyK'), 'k'],
    ['Shift+H', ev('H', { shiftKey: true }, 'KeyH'), 'shift+h'],
    ['Caps Lock H (no Shift)', ev('H', {}, 'KeyH'), 'h'],
    ['Ctrl+Shift+Z', ev('Z', { ctrlKey: true, shiftKey: true }, 'KeyZ'), 'ctrl+shift+z'],
    // named keys: lower case, Shift written
    ['ArrowRight', ev('ArrowRight', {}, 'ArrowRight'), 'arrowright'],
    ['Shift+ArrowRight', ev('ArrowRight', { shiftKey: true }, 'ArrowRight'), 'shift+arrowright'],
    ['Shift+ArrowLeft', ev('ArrowLeft', { shiftKey: true }, 'ArrowLeft'), 'shift+arrowleft'],
    ['Escape', ev('Escape', {}, 'Escape'), 'escape'],
    ['Space', ev(' ', {}, 'Space'), 'space'],
    ['Shift+Space', ev(' ', { shiftKey: true }, 'Space'), 'shift+space'],
    ['Ctrl+Space', ev(' ', { ctrlKey: true }, 'Space'), 'ctrl+space'],
    ['F5', ev('F5', {}, 'F5'), 'f5'],
    // modifier order is fixed: ctrl, meta, alt, shift
    [
      'all modifiers',
      ev('ArrowUp', { shiftKey: true, altKey: true, metaKey: true, ctrlKey: true }, 'ArrowUp'),
      'ctrl+meta+alt+shift+arrowup',
    ],
    ['Meta+k', ev('k', { metaKey: true }, 'KeyK'), 'meta+k'],
    ['Ctrl+.', ev('.', { ctrlKey: true }, 'Period'), 'ctrl+.'],
    ['Ctrl++', ev('+', { ctrlKey: true, shiftKey: true }, 'Equal'), 'ctrl++'],
    // Alt changes the character (macOS Option): the physical key names the chord
    ['Alt+KeyO giving ø', ev('ø', { altKey: true }, 'KeyO'), 'alt+o'],
    ['Alt+Shift+KeyO giving Ø', ev('Ø', { altKey: true, shiftKey: true }, 'KeyO'), 'alt+shift+o'],
    ['Alt+Digit1 giving ¡', ev('¡', { altKey: true }, 'Digit1'), 'alt+1'],
    ['Alt+Shift+Digit1 giving ⁄', ev('⁄', { altKey: true, shiftKey: true }, 'Digit1'), 'alt+shift+1'],
    ['Alt+ArrowLeft', ev('ArrowLeft', { altKey: true }, 'ArrowLeft'), 'alt+arrowleft'],
    ['Alt+ø with no code', ev('ø', { altKey: true }), 'alt+ø'],
    ['Alt with a non-letter code keeps the character', ev('≥', { altKey: true }, 'Period'), 'alt+≥'],
    ['code is ignored without Alt', ev('z', {}, 'KeyY'), 'z'], // German layout: z on the Y key
  ])('%s → %s', (_, event, expected) => {
    expect(chordOf(event)).toBe(expected);
  });

  it.each([
    ['Shift', ev('Shift', { shiftKey: true }, 'ShiftLeft')],
    ['Control', ev('Control', { ctrlKey: true }, 'ControlLeft')],
    ['Alt', ev('Alt', { altKey: true }, 'AltLeft')],
    ['Meta', ev('Meta', { metaKey: true }, 'MetaLeft')],
    ['AltGraph', ev('AltGraph', { altKey: true, ctrlKey: true }, 'AltRight')],
    ['CapsLock', ev('CapsLock', {}, 'CapsLock')],
    ['Dead', ev('Dead', {}, 'Quote')],
    ['Dead with Alt', ev('Dead', { altKey: true }, 'KeyE')],
    ['Unidentified', ev('Unidentified')],
    ['empty key', ev('')],
  ])('%s → null', (_, event) => {
    expect(chordOf(event)).toBeNull();
  });
});

describe('normalizeChord', () => {
  it.each([
    ['Shift+ArrowRight', 'shift+arrowright'],
    ['shift+arrowright', 'shift+arrowright'],
    ['Ctrl + Z', 'ctrl+z'],
    ['  ctrl+z  ', 'ctrl+z'],
    ['Control+Z', 'ctrl+z'],
    ['Cmd+K', 'meta+k'],
    ['Meta+K', 'meta+k'],
    ['shift+ctrl+z', 'ctrl+shift+z'],
    ['Shift+Alt+Meta+Ctrl+ArrowUp', 'ctrl+meta+alt+shift+arrowup'],
    ['ctrl+ctrl+z', 'ctrl+z'],
    ['Space', 'space'],
    ['Escape', 'escape'],
    ['K', 'k'],
    ['.', '.'],
    ['<', '<'],
    ['+', '+'],
    [' + ', '+'],
    ['ctrl++', 'ctrl++'],
    ['Ctrl + +', 'ctrl++'],
    ['shift+alt++', 'alt+shift++'],
    ['\\', '\\'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeChord(input)).toBe(expected);
  });

  it.each(['', '   '])('%j → empty string (matches nothing chordOf makes)', (input) => {
    expect(normalizeChord(input)).toBe('');
  });

  // Whatever chordOf produces is already normal, so a chord read from a key press and a
  // chord written in a rule compare equal.
  it.each([
    ev('.'),
    ev('<', { shiftKey: true }),
    ev('+', { ctrlKey: true, shiftKey: true }),
    ev('H', { shiftKey: true }),
    ev(' ', { shiftKey: true }),
    ev('ArrowRight', { shiftKey: true }),
    ev('ø', { altKey: true }, 'KeyO'),
    ev('Z', { ctrlKey: true, shiftKey: true, altKey: true, metaKey: true }, 'KeyZ'),
    ev('Escape'),
  ])('round trip: normalizeChord(chordOf(%j)) is unchanged', (event) => {
    const chord = chordOf(event);
    expect(chord).not.toBeNull();
    expect(normalizeChord(chord!)).toBe(chord);
    expect(normalizeChord(normalizeChord(chord!))).toBe(chord);
  });

  it.each([
    ['Shift+H', ev('H', { shiftKey: true }, 'KeyH')],
    ['Shift + ArrowLeft', ev('ArrowLeft', { shiftKey: true })],
    ['Ctrl+Shift+Z', ev('Z', { shiftKey: true, ctrlKey: true })],
    ['Alt+O', ev('ø', { altKey: true }, 'KeyO')],
    ['Space', ev(' ')],
    ['<', ev('<', { shiftKey: true })],
  ])('a person writes %j and the key press matches it', (written, event) => {
    expect(normalizeChord(written)).toBe(chordOf(event));
  });
});

describe('chordLabel', () => {
  it.each([
    ['shift+arrowright', 'Shift+→'],
    ['shift+arrowleft', 'Shift+←'],
    ['arrowup', '↑'],
    ['arrowdown', '↓'],
    ['k', 'K'],
    ['shift+h', 'Shift+H'],
    ['ctrl+meta+alt+shift+z', 'Ctrl+Meta+Alt+Shift+Z'],
    ['space', 'Space'],
    ['escape', 'Esc'],
    ['enter', 'Enter'],
    ['shift+tab', 'Shift+Tab'],
    ['delete', 'Delete'],
    ['backspace', 'Backspace'],
    ['ctrl+]', 'Ctrl+]'],
    ['.', '.'],
    ['<', '<'],
    ['?', '?'],
    ['+', '+'],
    ['ctrl++', 'Ctrl++'],
    ['alt+ø', 'Alt+Ø'],
    ['f5', 'f5'],
    ['pageup', 'pageup'],
  ])('%j → %j', (chord, expected) => {
    expect(chordLabel(chord)).toBe(expected);
  });
});
