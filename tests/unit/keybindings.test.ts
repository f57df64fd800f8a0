import { describe, expect, it, vi } from 'vitest';
import { createResolver, defaultRules, type KeybindingRule } from '../../utils/commands/keybindings';
import { createRegistry, type Command } from '../../utils/commands/registry';
import type { ContextMap } from '../../utils/commands/when';

type Ctx = { log: string[] };

const cmd = (id: string, extra: Partial<Command<Ctx>> = {}): Command<Ctx> => ({
  id,
  title: id,
  category: 'Test',
  run: (ctx) => void ctx.log.push(id),
  ...extra,
});

const always = () => true;

describe('createRegistry', () => {
  it('throws on a duplicate id, naming it', () => {
    expect(() => createRegistry([cmd('a.one'), cmd('a.two'), cmd('a.one')])).toThrow(/"a\.one"/);
    const registry = createRegistry([cmd('a.one')]);
    expect(() => registry.register(cmd('a.one'))).toThrow(/registered twice/);
    expect(registry.all()).toHaveLength(1);
  });

  it('throws on a malformed when clause at registration', () => {
    expect(() => createRegistry([cmd('a.bad', { when: 'a &&' })])).toThrow(/a &&/);
  });

  it('keeps commands in registration order and finds them by id', () => {
    const registry = createRegistry([cmd('a.one'), cmd('b.two')]);
    registry.register(cmd('c.three'));
    expect(registry.all().map((c) => c.id)).toEqual(['a.one', 'b.two', 'c.three']);
    expect(registry.get('b.two')?.id).toBe('b.two');
    expect(registry.get('nope')).toBeUndefined();
  });

  it.each([
    [undefined, {}, true],
    ['', {}, true],
    ['ready', {}, false],
    ['ready', { ready: true }, true],
    ['!ready', { ready: true }, false],
  ] as [string | undefined, ContextMap, boolean][])('enabled with when %j in %j → %s', (when, ctx, expected) => {
    const registry = createRegistry([cmd('a.one', { when })]);
    expect(registry.enabled('a.one', ctx)).toBe(expected);
  });

  it('an unknown command is never enabled', () => {
    expect(createRegistry<Ctx>().enabled('nope', {})).toBe(false);
  });

  it('execute runs the command only when its when holds', () => {
    const registry = createRegistry([cmd('a.one', { when: 'ready' })]);
    const ctx: Ctx = { log: [] };
    expect(registry.execute('a.one', ctx, {})).toBe(false);
    expect(ctx.log).toEqual([]);
    expect(registry.execute('a.one', ctx, { ready: true })).toBe(true);
    expect(ctx.log).toEqual(['a.one']);
    expect(registry.execute('nope', ctx, { ready: true })).toBe(false);
  });

  it('execute reports a failing command instead of throwing, to the console and to the user', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const told: string[] = [];
    try {
      const registry = createRegistry<Ctx>(
        [
          cmd('a.sync', {
            title: 'Sync thing',
            run: () => {
              throw new Error('boom');
            },
          }),
          cmd('a.async', { title: 'Async thing', run: () => Promise.reject(new Error('later')) }),
        ],
        (title, e) => told.push(`${title}: ${(e as Error).message}`),
      );
      expect(registry.execute('a.sync', { log: [] }, {})).toBe(true);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('a.sync'), expect.objectContaining({ message: 'boom' }));
      expect(registry.execute('a.async', { log: [] }, {})).toBe(true);
      await vi.waitFor(() =>
        expect(error).toHaveBeenCalledWith(expect.stringContaining('a.async'), expect.objectContaining({ message: 'later' })),
      );
      expect(told).toEqual(['Sync thing: boom', 'Async thing: later']);
    } finally {
      error.mockRestore();
    }
  });
});

describe('defaultRules', () => {
  it("a command's keysWhen becomes its default keys' when, and only theirs", () => {
    const command = cmd('d.close', { keys: ['escape'], when: 'dialog', keysWhen: '!toolActive' });
    expect(defaultRules([command])).toEqual([{ key: 'escape', command: 'd.close', when: '!toolActive' }]);
    const r = createResolver(defaultRules([command]));
    const registry = createRegistry([command]);
    const enabled = (context: ContextMap) => (id: string) => registry.enabled(id, context);
    expect(r.resolve('escape', { dialog: true, toolActive: true }, enabled({ dialog: true, toolActive: true }))).toBeNull();
    expect(r.resolve('escape', { dialog: true }, enabled({ dialog: true }))).toBe('d.close');
    // The command itself (its button, the palette) runs with a tool active.
    expect(registry.enabled('d.close', { dialog: true, toolActive: true })).toBe(true);
  });

  it('makes one rule per default key, in command order, without when', () => {
    const rules = defaultRules([
      cmd('a.one', { keys: ['a', 'shift+a'], when: 'x' }),
      cmd('b.two'),
      cmd('c.three', { keys: ['c'] }),
    ]);
    expect(rules).toEqual([
      { key: 'a', command: 'a.one' },
      { key: 'shift+a', command: 'a.one' },
      { key: 'c', command: 'c.three' },
    ]);
  });
});

describe('createResolver.resolve', () => {
  const rules: KeybindingRule[] = [
    { key: 'k', command: 'play.first' },
    { key: 'k', command: 'play.second', when: 'editing' },
    { key: 'k', command: 'play.third', when: "mode == 'draw'" },
    { key: 'j', command: 'other.j', when: 'never' },
  ];
  const resolver = createResolver(rules);

  it.each([
    ['k', {}, 'play.first'],
    ['k', { editing: true }, 'play.second'],
    ['k', { mode: 'draw' }, 'play.third'],
    // both later rules hold: the last one wins
    ['k', { editing: true, mode: 'draw' }, 'play.third'],
    ['j', {}, null],
    ['j', { never: true }, 'other.j'],
    ['x', { editing: true }, null],
    ['K', {}, null], // resolve takes a normalized chord, as chordOf makes
  ] as [string, ContextMap, string | null][])('%s in %j → %s', (chord, ctx, expected) => {
    expect(resolver.resolve(chord, ctx, always)).toBe(expected);
  });

  it('skips disabled commands and falls back to an earlier rule', () => {
    const ctx = { editing: true, mode: 'draw' };
    expect(resolver.resolve('k', ctx, (id) => id !== 'play.third')).toBe('play.second');
    expect(resolver.resolve('k', ctx, (id) => id === 'play.first')).toBe('play.first');
    expect(resolver.resolve('k', ctx, () => false)).toBeNull();
  });

  it('asks isEnabled only about rules whose key and when match', () => {
    const asked: string[] = [];
    resolver.resolve('k', { editing: true }, (id) => {
      asked.push(id);
      return false;
    });
    expect(asked).toEqual(['play.second', 'play.first']);
  });

  it('normalizes rule keys as written by a person', () => {
    const r = createResolver([
      { key: 'Shift + ArrowRight', command: 'a.right' },
      { key: 'Control+Shift+Z', command: 'a.redo' },
      { key: 'Space', command: 'a.space' },
    ]);
    expect(r.resolve('shift+arrowright', {}, always)).toBe('a.right');
    expect(r.resolve('ctrl+shift+z', {}, always)).toBe('a.redo');
    expect(r.resolve('space', {}, always)).toBe('a.space');
  });

  it('skips a rule with a malformed when, and keeps every other rule', () => {
    const resolver = createResolver([
      { key: 'k', command: 'a' },
      { key: 'k', command: 'b', when: '(a' },
      { key: 'j', command: 'c', when: 'a &&' },
      { key: 'l', command: 'd' },
    ]);
    expect(resolver.resolve('k', {}, always)).toBe('a');
    expect(resolver.resolve('j', {}, always)).toBeNull();
    expect(resolver.resolve('l', {}, always)).toBe('d');
    expect(resolver.keysFor('b')).toEqual([]);
  });

  it('an empty rule list resolves nothing', () => {
    expect(createResolver([]).resolve('k', {}, always)).toBeNull();
  });
});

describe('user rules appended after the defaults', () => {
  const defaults = defaultRules([
    cmd('frame.next', { keys: ['.'] }),
    cmd('frame.previous', { keys: [','] }),
    cmd('playback.toggle', { keys: ['k', 'space'] }),
  ]);

  it('a user rule on a default key overrides it', () => {
    const r = createResolver([...defaults, { key: '.', command: 'frame.previous' }]);
    expect(r.resolve('.', {}, always)).toBe('frame.previous');
    expect(r.resolve(',', {}, always)).toBe('frame.previous');
  });

  it('a user rule with a when overrides only where it holds', () => {
    const r = createResolver([...defaults, { key: '.', command: 'frame.previous', when: 'reversed' }]);
    expect(r.resolve('.', {}, always)).toBe('frame.next');
    expect(r.resolve('.', { reversed: true }, always)).toBe('frame.previous');
  });

  it("a rule's args come with its command (resolveRule), and only that rule's", () => {
    const r = createResolver([
      ...defaults,
      { key: 'q', command: 'playback.setSpeed', args: '0.25' },
      { key: 'w', command: 'playback.setSpeed', args: '2' },
      { key: 'e', command: 'playback.setSpeed' },
    ]);
    expect(r.resolveRule('q', {}, always)).toEqual({ command: 'playback.setSpeed', args: '0.25' });
    expect(r.resolveRule('w', {}, always)?.args).toBe('2');
    expect(r.resolveRule('e', {}, always)).toEqual({ command: 'playback.setSpeed' });
    expect(r.resolveRule('.', {}, always)?.command).toBe('frame.next');
    expect(r.resolve('q', {}, always)).toBe('playback.setSpeed');
    expect(r.resolveRule('z', {}, always)).toBeNull();
  });

  it('"-command" removes that command from that key only', () => {
    const r = createResolver([...defaults, { key: 'k', command: '-playback.toggle' }]);
    expect(r.resolve('k', {}, always)).toBeNull();
    expect(r.resolve('space', {}, always)).toBe('playback.toggle');
    expect(r.keysFor('playback.toggle')).toEqual(['space']);
  });

  it('"-command" removes only earlier rules: a later rule binds again', () => {
    const r = createResolver([
      ...defaults,
      { key: 'K', command: '-playback.toggle' },
      { key: 'k', command: 'playback.toggle', when: 'ready' },
    ]);
    expect(r.resolve('k', {}, always)).toBeNull();
    expect(r.resolve('k', { ready: true }, always)).toBe('playback.toggle');
  });

  it('"-command" leaves other commands on the same key', () => {
    const r = createResolver([
      ...defaults,
      { key: '.', command: 'frame.previous', when: 'reversed' },
      { key: '.', command: '-frame.previous' },
    ]);
    expect(r.resolve('.', { reversed: true }, always)).toBe('frame.next');
    expect(r.keysFor('frame.previous')).toEqual([',']);
  });

  it.each([
    ['-frame.next', ','], // right command, wrong key
    ['-frame.nope', '.'], // unknown command
  ])('"%s" on %j removes nothing', (command, key) => {
    const r = createResolver([...defaults, { key, command }]);
    expect(r.resolve('.', {}, always)).toBe('frame.next');
    expect(r.resolve(',', {}, always)).toBe('frame.previous');
  });

  it('removing then rebinding a command moves it to a new key', () => {
    const r = createResolver([
      ...defaults,
      { key: '.', command: '-frame.next' },
      { key: 'Shift+ArrowRight', command: 'frame.next' },
    ]);
    expect(r.resolve('.', {}, always)).toBeNull();
    expect(r.resolve('shift+arrowright', {}, always)).toBe('frame.next');
    expect(r.keysFor('frame.next')).toEqual(['shift+arrowright']);
  });
});

describe('keysFor', () => {
  const r = createResolver([
    { key: 'k', command: 'a.play' },
    { key: 'Space', command: 'a.play' },
    { key: 'j', command: 'a.other' },
    { key: 'Shift+H', command: 'a.play', when: 'never' },
  ]);

  it.each([
    ['a.play', ['k', 'space', 'shift+h']],
    ['a.other', ['j']],
    ['a.unbound', []],
    ['-a.play', []],
  ])('%s → %j', (command, expected) => {
    expect(r.keysFor(command)).toEqual(expected);
  });
});
