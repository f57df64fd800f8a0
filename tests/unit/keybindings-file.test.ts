import { describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { createResolver, defaultRules } from '../../utils/commands/keybindings';
import { chordProblem, keybindingsFileText, knownCommands, parseKeybindingsFile, stripJsonc } from '../../utils/commands/keybindings-file';

const IDS = knownCommands(BUILTIN_COMMANDS);

describe('keybindings.json (VS Code shape)', () => {
  it('reads rules with comments and trailing commas, as VS Code writes them', () => {
    const text = `// Place your key bindings in this file
[
  // next frame on n as well
  { "key": "n", "command": "frame.next" },
  /* no fullscreen on Shift+F */
  { "key": "Shift+F", "command": "-view.fullscreen", },
  { "key": "ctrl+alt+p", "command": "playback.toggle", "when": "videoAttached && !toolActive" },
]`;
    const parsed = parseKeybindingsFile(text, IDS);
    expect(parsed).toEqual({
      ok: true,
      rules: [
        { key: 'n', command: 'frame.next' },
        { key: 'shift+f', command: '-view.fullscreen' },
        { key: 'ctrl+alt+p', command: 'playback.toggle', when: 'videoAttached && !toolActive' },
      ],
    });
  });

  it('refuses the whole file, naming the line and the entry of each problem', () => {
    const text = `[
  { "key": "n", "command": "frame.next" },
  { "key": "hyper+x", "command": "frame.next" },
  { "key": "x", "command": "no.such.command" },
  { "key": "y", "command": "playback.toggle", "when": "paused &&" },
  "just text",
  { "command": "playback.toggle" }
]`;
    const parsed = parseKeybindingsFile(text, IDS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.entry, p.line])).toEqual([[2, 3], [3, 4], [4, 5], [5, 6], [6, 7]]);
    expect(parsed.problems[0]!.message).toMatch(/"hyper" is not a modifier/);
    expect(parsed.problems[1]!.message).toMatch(/Unknown command "no.such.command"/);
    expect(parsed.problems[2]!.message).toMatch(/"when" can't be read/);
    expect(parsed.problems[3]!.message).toMatch(/Not an object/);
    expect(parsed.problems[4]!.message).toMatch(/"key" is missing/);
  });

  it('a JSON syntax error names its line', () => {
    const parsed = parseKeybindingsFile('[\n  { "key": "n", "command": "frame.next" }\n  { "key": "m" }\n]', IDS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.entry).toBeNull();
    expect(parsed.problems[0]!.line).toBe(3);
    expect(parsed.problems[0]!.message).toMatch(/Not valid JSON/);
  });

  it('is not a list, or not text at all', () => {
    expect(parseKeybindingsFile('{"key": "n"}', IDS)).toMatchObject({ ok: false, problems: [{ message: /must be a list/ }] });
    expect(parseKeybindingsFile('', IDS)).toMatchObject({ ok: false });
    expect(parseKeybindingsFile('x'.repeat(1_000_001), IDS)).toMatchObject({ ok: false, problems: [{ message: /too big/ }] });
  });

  it('"args" gives a command that takes an argument its value (text, or a number as text), and is written back', () => {
    const text = `[
  { "key": "q", "command": "playback.setSpeed", "args": 0.25 },
  { "key": "alt+r", "command": "draw.setColor", "args": "#ff4d4d", "when": "toolActive" }
]`;
    const parsed = parseKeybindingsFile(text, IDS);
    expect(parsed).toEqual({
      ok: true,
      rules: [
        { key: 'q', command: 'playback.setSpeed', args: '0.25' },
        { key: 'alt+r', command: 'draw.setColor', args: '#ff4d4d', when: 'toolActive' },
      ],
    });
    if (!parsed.ok) return;
    expect(parseKeybindingsFile(keybindingsFileText(parsed.rules), IDS)).toEqual(parsed);
  });

  it('"args" where it means nothing, or of a kind no command takes, is refused, naming the entry', () => {
    const text = `[
  { "key": "n", "command": "frame.next" },
  { "key": "q", "command": "frame.next", "args": "2" },
  { "key": "w", "command": "-playback.setSpeed", "args": "2" },
  { "key": "e", "command": "playback.setSpeed", "args": { "speed": 2 } }
]`;
    const parsed = parseKeybindingsFile(text, IDS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.entry, p.line])).toEqual([[2, 3], [3, 4], [4, 5]]);
    expect(parsed.problems[0]!.message).toMatch(/"frame.next" takes no argument/);
    expect(parsed.problems[1]!.message).toMatch(/removes a key/);
    expect(parsed.problems[2]!.message).toMatch(/must be text or a number/);
  });

  it('a removal of a default needs a command that exists too', () => {
    expect(parseKeybindingsFile('[{ "key": "f", "command": "-nothing" }]', IDS)).toMatchObject({ ok: false, problems: [{ entry: 1, message: /Unknown command "nothing"/ }] });
  });

  it('what it writes it reads back, and the resolver honours it over the defaults', () => {
    const rules = [
      { key: 'n', command: 'frame.next' },
      { key: '.', command: '-frame.next' },
      { key: 'ctrl+shift+k', command: 'playback.toggle', when: 'paused' },
    ];
    const text = keybindingsFileText(rules);
    const parsed = parseKeybindingsFile(text, IDS);
    expect(parsed).toEqual({ ok: true, rules });
    const resolver = createResolver([...defaultRules(BUILTIN_COMMANDS), ...rules]);
    const ctx = { videoAttached: true, overlayVisible: true, paused: true };
    const enabled = () => true;
    expect(resolver.resolve('n', ctx, enabled)).toBe('frame.next');
    expect(resolver.resolve('.', ctx, enabled)).toBeNull();
    expect(resolver.resolve('ctrl+shift+k', ctx, enabled)).toBe('playback.toggle');
    expect(resolver.resolve('ctrl+shift+k', { ...ctx, paused: false }, enabled)).toBeNull();
  });

  it('strips comments only outside strings, keeping every line where it was', () => {
    const text = '[{"key": "/", "command": "a//b"}, // c\n /* d\n e */ ]';
    const out = stripJsonc(text);
    expect(out.length).toBe(text.length);
    expect(out.split('\n').length).toBe(text.split('\n').length);
    expect(JSON.parse(out)).toEqual([{ key: '/', command: 'a//b' }]);
  });

  it.each([
    ['.', null],
    ['shift+arrowright', null],
    ['Ctrl + Z', null],
    ['ctrl++', null],
    ['f12', null],
    ['', /empty/],
    ['ctrl+', /no key/],
    ['super+x', /not a modifier/],
    ['ctrl+banana', /not a key/],
    ['shift+,', /write the character Shift makes/],
    ['ctrl+shift+.', /never comes/],
    ['alt+shift+1', null],
    ['shift+space', null],
    ['shift+k', null],
  ])('chordProblem(%j)', (key, want) => {
    const problem = chordProblem(key);
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
  });
});
