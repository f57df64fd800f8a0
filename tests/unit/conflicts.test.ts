import { describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { BROWSER_KEYS, bindingsInForce, browserKey, conflictsFor, joinWhen, keyWarnings, mayOverlap } from '../../utils/commands/conflicts';
import { chordProblem } from '../../utils/commands/keybindings-file';
import { createResolver, defaultRules, type KeybindingRule } from '../../utils/commands/keybindings';
import { normalizeChord } from '../../utils/commands/keys';
import { SITE_KEYS, YOUTUBE_KEYS, siteKeysFor } from '../../utils/sites/site-keys';
import { rowId, searchRows } from '../../utils/commands/binding-rows';
import { addKey, changeKey, hasUserRules, removeBinding, resetCommand } from '../../utils/commands/rule-edits';

const DEFAULTS = defaultRules(BUILTIN_COMMANDS);
const whenOf = (id: string) => BUILTIN_COMMANDS.find((c) => c.id === id)?.when;

describe('mayOverlap', () => {
  it.each<[string | undefined, string | undefined, boolean]>([
    [undefined, undefined, true],
    ['', 'paused', true],
    ['paused', 'paused', true],
    ['paused', '!paused', false],
    ['!paused', 'paused', false],
    ['a && paused', 'b && !paused', false],
    ['a && b', 'c && !d', true],
    ["mode == 'edit'", "mode == 'view'", false],
    ["mode == 'edit'", "mode == 'edit'", true],
    ["mode == 'edit'", "mode != 'edit'", false],
    ["mode == 'edit'", "mode != 'view'", true],
    ['mode == edit', "mode == 'edit'", true], // a bare word is text, as in VS Code
    ["mode == 'edit'", '!mode', false], // 'edit' is truthy
    ['mode == 0', 'mode', false],
    ['mode == 0', '!mode', true],
    ['mode == 1', 'mode == 2', false],
    // || : overlap unless every branch clashes
    ['a || b', '!a', true],
    ['a || b', '!a && !b', false],
    ['(a || b) && c', '!c', false],
    ['(a && b) || (c && d)', '!a && !c', false],
    ['(a && b) || (c && d)', '!a && c', true],
    // negation of groups (De Morgan)
    ['!(a && b)', 'a && b', false],
    ['!(a || b)', 'a', false],
    ['!(a || b)', 'c', true],
    ['!!a', '!a', false],
    // literals
    ['false', '', false],
    ['true', 'paused', true],
    // the clause can contradict itself
    ['a && !a', '', false],
    // unreadable clauses: can't prove anything
    ['a &&', '!a', true],
    ['(a', '!a', true],
  ])('%j with %j → %s', (a, b, expected) => {
    expect(mayOverlap(a, b)).toBe(expected);
    expect(mayOverlap(b, a)).toBe(expected);
  });

  it('stays answerable (and safe) for clauses with many branches', () => {
    const wide = Array.from({ length: 12 }, (_, i) => `(a${i} || b${i})`).join(' && ');
    expect(mayOverlap(wide, 'c')).toBe(true);
  });
});

describe('joinWhen', () => {
  it.each<[string | undefined, string | undefined, string | undefined]>([
    [undefined, undefined, undefined],
    ['a', undefined, 'a'],
    [' ', 'b', 'b'],
    ['a || b', 'c', '(a || b) && (c)'],
  ])('%j and %j → %j', (a, b, expected) => expect(joinWhen(a, b)).toBe(expected));
});

describe('bindingsInForce', () => {
  it('agrees with the resolver for every command', () => {
    const user: KeybindingRule[] = [
      { key: '.', command: '-frame.next' },
      { key: 'n', command: 'frame.next' },
      { key: 'k', command: '-playback.toggle' },
      { key: 'space', command: 'playback.toggle', when: 'paused' },
      { key: 'x', command: 'frame.next', when: 'bad &&' },
      { key: 'q', command: 'playback.setSpeed', args: '0.25' },
    ];
    const bindings = bindingsInForce(DEFAULTS, user);
    const resolver = createResolver([...DEFAULTS, ...user]);
    for (const c of BUILTIN_COMMANDS) expect(bindings.filter((b) => b.command === c.id).map((b) => b.key)).toEqual(resolver.keysFor(c.id));
    expect(bindings.find((b) => b.command === 'frame.next')).toEqual({ key: 'n', command: 'frame.next', source: 'user', rule: 1 });
    expect(bindings.find((b) => b.command === 'playback.toggle')).toEqual({ key: 'space', command: 'playback.toggle', when: 'paused', source: 'user', rule: 3 });
    expect(bindings.find((b) => b.command === 'frame.previous')).toEqual({ key: ',', command: 'frame.previous', source: 'default', rule: null });
    expect(bindings.find((b) => b.command === 'playback.setSpeed')).toEqual({ key: 'q', command: 'playback.setSpeed', args: '0.25', source: 'user', rule: 5 });
    // A default key's own condition is the binding's `when`.
    expect(bindings.find((b) => b.command === 'packet.closeSend')).toEqual({ key: 'escape', command: 'packet.closeSend', when: '!toolActive && !paletteOpen', source: 'default', rule: null });
  });

  it('a removal takes out user bindings before it too', () => {
    const bindings = bindingsInForce([], [{ key: 'n', command: 'frame.next' }, { key: 'N', command: '-frame.next' }]);
    expect(bindings).toEqual([]);
  });
});

describe('conflictsFor', () => {
  const bindings = bindingsInForce(DEFAULTS, []);
  it.each<[string, string, string | undefined, string[]]>([
    ['k', 'frame.next', undefined, ['playback.toggle']],
    ['k', 'playback.toggle', undefined, []], // its own key
    ['n', 'frame.next', undefined, []],
    ['c', 'comment.add', undefined, []], // draw.comment is only with a drawing selected
    ['c', 'frame.next', undefined, ['comment.add', 'draw.comment']],
    ['c', 'frame.next', '!drawingSelected', ['comment.add']],
    ['escape', 'frame.next', 'helpVisible && !toolActive && !paletteOpen', ['view.closeHelp']],
    ['k', 'frame.next', '!videoAttached', []], // the command's own \`when\` counts too
    ['Shift+ArrowRight', 'frame.next', 'toolActive', ['draw.nudgeFar.right']],
  ])('%s for %s when %j → %j', (chord, command, when, expected) => {
    expect(conflictsFor(chord, { command, ...(when ? { when } : {}) }, bindings, whenOf).map((b) => b.command).sort()).toEqual(expected);
  });

  it('reads the other commands\' `when` with their rules\' own', () => {
    const own = bindingsInForce([], [
      { key: 'x', command: 'a', when: 'paused' },
      { key: 'x', command: 'b', when: '!paused' },
      { key: 'x', command: 'c' },
      { key: 'y', command: 'd' },
    ]);
    const cmdWhen = (id: string) => ({ a: "mode == 'draw'", c: "mode == 'view'" })[id];
    expect(conflictsFor('x', { command: 'z', when: 'paused' }, own, cmdWhen).map((b) => b.command)).toEqual(['a', 'c']);
    expect(conflictsFor('x', { command: 'a', when: 'paused' }, own, cmdWhen).map((b) => b.command)).toEqual([]); // c is 'view' only
    expect(conflictsFor('X', { command: 'z', when: '!paused' }, own, () => undefined).map((b) => b.command)).toEqual(['b', 'c']);
  });

  it('the defaults have no conflicts among themselves (their `when`s keep shared keys apart)', () => {
    const clashing = bindings.filter((b) => conflictsFor(b.key, b, bindings, whenOf).length > 0).map((b) => `${b.key} ${b.command}`);
    expect(clashing).toEqual([]);
  });
});

describe('BROWSER_KEYS', () => {
  it('is written in normalized, bindable chords, once each', () => {
    for (const { key, what } of BROWSER_KEYS) {
      expect(normalizeChord(key), key).toBe(key);
      expect(chordProblem(key), key).toBeNull();
      expect(what.length).toBeGreaterThan(0);
    }
    expect(new Set(BROWSER_KEYS.map((k) => k.key)).size).toBe(BROWSER_KEYS.length);
  });

  it.each<[string, string | null, boolean]>([
    ['ctrl+t', 'New tab', true],
    ['Ctrl+Shift+T', 'Reopen the closed tab', true],
    ['meta+w', 'Close tab', true],
    ['ctrl+tab', 'Next tab', true],
    ['ctrl+f', 'Find in page', false],
    ['ctrl+5', 'Go to tab 5', false],
    ['ctrl+9', 'Go to the last tab', false],
    ['alt+arrowleft', 'Back', false],
    ['f12', 'Developer tools', false],
    ['ctrl+shift+i', 'Developer tools', false],
    ['k', null, false],
    ['ctrl+z', null, false],
  ])('%s → %j', (chord, what, reserved) => {
    const found = browserKey(chord);
    expect(found?.what ?? null).toBe(what);
    expect(!!found?.reserved).toBe(reserved);
  });
});

describe('site keys', () => {
  it('YouTube keys are normalized, bindable chords, once each', () => {
    for (const { key, what } of YOUTUBE_KEYS) {
      expect(normalizeChord(key), key).toBe(key);
      expect(chordProblem(key), key).toBeNull();
      expect(what.length).toBeGreaterThan(0);
    }
    expect(new Set(YOUTUBE_KEYS.map((k) => k.key)).size).toBe(YOUTUBE_KEYS.length);
    expect(SITE_KEYS.map((s) => s.site)).toEqual(['YouTube']);
  });

  it.each<[string, string[]]>([
    ['k', ['Play / pause']],
    ['space', ['Play / pause']],
    ['K', ['Play / pause']],
    ['f', ['Fullscreen']],
    ['0', ['Jump to 0% of the video']],
    ['7', ['Jump to 70% of the video']],
    ['.', ['Next frame (while paused)']],
    ['<', ['Slower']],
    ['Shift+N', ['Next video']],
    ['shift+f', []],
    ['n', []],
    ['ctrl+k', []],
  ])('%j → %j', (chord, expected) => {
    expect(siteKeysFor(chord).map((s) => s.what)).toEqual(expected);
  });
});

describe('keyWarnings', () => {
  const bindings = bindingsInForce(DEFAULTS, []);
  const kinds = (chord: string, command = 'frame.next') => keyWarnings(chord, { command }, bindings, BUILTIN_COMMANDS).map((w) => [w.kind, w.text]);

  it.each<[string, Array<[string, RegExp]>]>([
    ['n', []],
    ['k', [['command', /“Play \/ pause”/], ['site', /^YouTube: Play \/ pause/]]],
    ['ctrl+t', [['browser', /^Browser: New tab\. The browser keeps this key/]]],
    ['ctrl+f', [['browser', /^Browser: Find in page\. Over a video, FrameCoach takes it/]]],
    ['shift+,', [['problem', /can't be bound: Shift with ","/]]],
    ['hyper+x', [['problem', /"hyper" is not a modifier/]]],
  ])('%s', (chord, expected) => {
    const got = kinds(chord);
    expect(got.map(([k]) => k)).toEqual(expected.map(([k]) => k));
    got.forEach(([, text], i) => expect(text).toMatch(expected[i]![1]));
  });

  it('names each other command once, however many of its keys clash', () => {
    const twice = bindingsInForce(DEFAULTS, [{ key: 'k', command: 'playback.toggle', when: 'paused' }]);
    expect(keyWarnings('k', { command: 'frame.next' }, twice, BUILTIN_COMMANDS).filter((w) => w.kind === 'command')).toHaveLength(1);
  });
});

// The options page's pure parts (components/options/*.ts), checked through bindingsInForce.
describe('keybindings editor: rule edits', () => {
  const keysOf = (user: KeybindingRule[], id: string) => bindingsInForce(DEFAULTS, user).filter((b) => b.command === id).map((b) => `${b.key}:${b.source}`);
  const binding = (user: KeybindingRule[], id: string, key: string) => bindingsInForce(DEFAULTS, user).find((b) => b.command === id && b.key === key)!;

  it('changing a default key writes a removal, then the new key', () => {
    const user = changeKey([], binding([], 'frame.next', '.'), 'N');
    expect(user).toEqual([{ key: '.', command: '-frame.next' }, { key: 'n', command: 'frame.next' }]);
    expect(keysOf(user, 'frame.next')).toEqual(['n:user']);
  });

  it('changing a user key replaces its rule, keeping its when', () => {
    const start: KeybindingRule[] = [{ key: 'n', command: 'frame.next', when: 'paused' }, { key: 'm', command: 'frame.previous' }];
    const user = changeKey(start, binding(start, 'frame.next', 'n'), 'b');
    expect(user).toEqual([{ key: 'b', command: 'frame.next', when: 'paused' }, { key: 'm', command: 'frame.previous' }]);
  });

  it('a later removal of the new key does not take the changed rule out', () => {
    const start: KeybindingRule[] = [{ key: 'n', command: 'frame.next' }, { key: 'b', command: '-frame.next' }];
    const user = changeKey(start, binding(start, 'frame.next', 'n'), 'b');
    expect(keysOf(user, 'frame.next')).toEqual(['.:default', 'b:user']);
  });

  it('the same key again changes nothing', () => {
    expect(changeKey([], binding([], 'frame.next', '.'), '.')).toEqual([]);
  });

  it.each<[string, KeybindingRule[], string, string[]]>([
    ['a default key', [], '.', []],
    ['a user key', [{ key: 'n', command: 'frame.next' }], 'n', ['.:default']],
    ['a user key that replaced a default', [{ key: '.', command: '-frame.next' }, { key: 'n', command: 'frame.next' }], 'n', []],
  ])('removing %s', (_, start, key, expected) => {
    expect(keysOf(removeBinding(start, binding(start, 'frame.next', key)), 'frame.next')).toEqual(expected);
  });

  it('adds a key, resets one command, tells which commands are customized', () => {
    const user = addKey([{ key: 'k', command: '-playback.toggle' }], 'frame.next', 'Shift+N');
    expect(keysOf(user, 'frame.next')).toEqual(['.:default', 'shift+n:user']);
    expect(hasUserRules(user, 'playback.toggle')).toBe(true);
    expect(hasUserRules(user, 'frame.previous')).toBe(false);
    const reset = resetCommand(user, 'playback.toggle');
    expect(reset).toEqual([{ key: 'shift+n', command: 'frame.next' }]);
    expect(keysOf(reset, 'playback.toggle')).toEqual(['k:default']);
  });
});

describe('keybindings editor: search', () => {
  const bindings = bindingsInForce(DEFAULTS, [{ key: '.', command: '-frame.next' }]);
  const titles = (query: string) => searchRows(query, BUILTIN_COMMANDS, bindings).map((r) => `${r.command.title}${r.binding ? ` [${r.binding.key}]` : ''}`);

  it('lists every command (one row per key, one for a command with none), by category then title', () => {
    const all = titles('');
    expect(all).toContain('Next frame');
    expect(all).toContain('Redo [ctrl+shift+z]');
    expect(all).toContain('Redo [ctrl+y]');
    expect(new Set(searchRows('', BUILTIN_COMMANDS, bindings).map(rowId)).size).toBe(all.length);
    const categories = searchRows('', BUILTIN_COMMANDS, bindings).map((r) => r.command.category);
    expect(categories).toEqual([...categories].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it.each<[string, string]>([
    ['shift+f', 'Fullscreen with FrameCoach [shift+f]'],
    ['Shift+F', 'Fullscreen with FrameCoach [shift+f]'],
    ['fullscr', 'Fullscreen with FrameCoach [shift+f]'],
    ['view.fullscreen', 'Fullscreen with FrameCoach [shift+f]'],
    ['nxt frm', 'Next frame'],
    ['playback: pause', 'Play / pause [k]'],
  ])('%j finds %j first', (query, first) => {
    expect(titles(query)[0]).toBe(first);
  });

  it('finds nothing for nonsense', () => {
    expect(titles('zzqqxx')).toEqual([]);
  });
});
