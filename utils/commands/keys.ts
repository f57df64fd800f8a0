/**
 * Key chords as strings: modifiers in a fixed order, then the key — `shift+arrowright`,
 * `ctrl+z`, `.`, `<`. A printable non-letter already carries Shift in its character
 * (`<` is Shift+`,` on a US layout), so Shift is only written for letters and named keys.
 */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/** The chord for a keyboard event, or null for a bare modifier or a dead key. */
export function chordOf(event: KeyLike): string | null {
  const { key } = event;
  if (!key || MODIFIER_KEYS.has(key) || key === 'Dead' || key === 'Unidentified') return null;
  let name: string;
  // With Alt (Option on macOS) the character changes (Alt+o is "ø"): use the physical key.
  const code = event.altKey && event.code && /^(Key[A-Z]|Digit\d)$/.test(event.code) ? event.code : null;
  if (code) {
    name = code.slice(code.startsWith('Key') ? 3 : 5).toLowerCase();
  } else {
    name = key === ' ' ? 'space' : key.toLowerCase();
  }
  const printable = key.length === 1 && key !== ' ';
  const letter = /^[a-z]$/.test(name);
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('ctrl');
  if (event.metaKey) parts.push('meta');
  if (event.altKey) parts.push('alt');
  if (event.shiftKey && (!printable || letter || code !== null)) parts.push('shift');
  parts.push(name);
  return parts.join('+');
}

/** Normalizes a chord written by a person (`Shift+ArrowRight`, `Ctrl + Z`). */
export function normalizeChord(chord: string): string {
  const raw = chord.trim();
  if (raw === '+') return '+';
  const parts = raw.split(/\s*\+\s*/).filter(Boolean).map((p) => p.toLowerCase());
  const key = /\+\s*\+$/.test(raw) ? '+' : (parts.pop() ?? ''); // `Ctrl++`, `Ctrl + +`
  const mods = new Set(parts.map((p) => (p === 'control' ? 'ctrl' : p === 'cmd' ? 'meta' : p)));
  const order = ['ctrl', 'meta', 'alt', 'shift'].filter((m) => mods.has(m));
  return [...order, key === ' ' ? 'space' : key].join('+');
}

const LABELS: Record<string, string> = {
  arrowright: '→',
  arrowleft: '←',
  arrowup: '↑',
  arrowdown: '↓',
  space: 'Space',
  escape: 'Esc',
  enter: 'Enter',
  tab: 'Tab',
  delete: 'Delete',
  backspace: 'Backspace',
  shift: 'Shift',
  ctrl: 'Ctrl',
  alt: 'Alt',
  meta: 'Meta',
};

/** A short label for hints and tooltips: `Shift+→`, `K`. */
export function chordLabel(chord: string): string {
  const parts = chord === '+' ? ['+'] : chord.split('+');
  return parts.map((p) => LABELS[p] ?? (p.length === 1 ? p.toUpperCase() : p)).join('+');
}

/** Where the keys bound now come from: a resolver, or the overlay's command runner. */
export interface BoundKeys {
  keysFor(id: string): readonly string[];
}

/** The key bound to command `id` now, as a label (`Shift+C`); with none, where to find it (the palette). */
export function keyText(keys: BoundKeys, id: string, fallback?: string): string {
  const key = keys.keysFor(id)[0];
  if (key) return chordLabel(key);
  if (fallback !== undefined) return fallback;
  const palette = keys.keysFor('view.palette')[0];
  return palette ? `the palette (${chordLabel(palette)})` : 'the palette';
}

/** A command's key as `keyText` says it, for texts written away from the keys (a command's own words). */
export type KeyLabel = (id: string) => string;
