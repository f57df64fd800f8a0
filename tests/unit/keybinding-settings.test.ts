import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { cleanKeybindings, cleanRecent } from '../../utils/background/keybinding-settings';
import { createService } from '../../utils/background/service';
import type { Broadcast, Settings } from '../../utils/messaging/contract';

function service(initial?: Partial<Settings>) {
  let saved = initial as Settings | undefined;
  const told: Broadcast[] = [];
  const handlers = createService({
    factory: new IDBFactory(),
    settings: { get: async () => saved, set: async (s) => void (saved = s) },
    broadcast: async (m) => void told.push(m),
  });
  return { handlers, told, saved: () => saved };
}

describe('the user keybindings in settings', () => {
  it('a fresh install has none', async () => {
    const { handlers } = service();
    expect((await handlers['settings.get']({}, {})).keybindings).toEqual([]);
  });

  it('are stored normalized and told to every tab', async () => {
    const { handlers, told, saved } = service();
    const rules = [
      { key: 'N', command: 'frame.next' },
      { key: '.', command: '-frame.next' },
      { key: 'Shift+ArrowRight', command: 'frame.next', when: 'paused' },
    ];
    const after = await handlers['settings.setKeybindings']({ rules }, {});
    const stored = [
      { key: 'n', command: 'frame.next' },
      { key: '.', command: '-frame.next' },
      { key: 'shift+arrowright', command: 'frame.next', when: 'paused' },
    ];
    expect(after.keybindings).toEqual(stored);
    expect(saved()?.keybindings).toEqual(stored);
    expect(told).toContainEqual({ framecoach: 1, type: 'settings.changed', settings: after });
  });

  it.each([
    ['an unknown command', [{ key: 'n', command: 'frame.nope' }], /Entry 1: Unknown command "frame.nope"/],
    ['a key that is not one', [{ key: 'n', command: 'frame.next' }, { key: 'ctrl+banana', command: 'frame.next' }], /Entry 2: Key "ctrl\+banana"/],
    ['a when that can not be read', [{ key: 'n', command: 'frame.next', when: 'paused &&' }], /Entry 1: "when" can't be read/],
    ['not a list', { key: 'n' }, /must be a list/],
  ])('refuses %s whole, naming the entry, and keeps the rules before', async (_, rules, message) => {
    const { handlers, told } = service({ keybindings: [{ key: 'm', command: 'frame.next' }] });
    await expect(handlers['settings.setKeybindings']({ rules: rules as never }, {})).rejects.toThrow(message);
    expect((await handlers['settings.get']({}, {})).keybindings).toEqual([{ key: 'm', command: 'frame.next' }]);
    expect(told).toEqual([]);
  });

  it('a drawing-default change is told to every tab too', async () => {
    const { handlers, told } = service();
    const after = await handlers['settings.setDrawingDefaults']({ width: 6 }, {});
    expect(told).toEqual([{ framecoach: 1, type: 'settings.changed', settings: after }]);
  });
});

describe('recent commands', () => {
  it('runs from the palette are remembered most recent first, without telling the tabs', async () => {
    const { handlers, told } = service();
    await handlers['commands.used']({ id: 'frame.next' }, {});
    await handlers['commands.used']({ id: 'draw.setColor' }, {});
    expect(await handlers['commands.used']({ id: 'frame.next' }, {})).toEqual(['frame.next', 'draw.setColor']);
    expect((await handlers['settings.get']({}, {})).recentCommands).toEqual(['frame.next', 'draw.setColor']);
    expect(told).toEqual([]);
  });

  it('an unknown command is refused', async () => {
    const { handlers } = service();
    await expect(handlers['commands.used']({ id: '<script>' }, {})).rejects.toThrow(/Unknown command/);
  });
});

describe('stored values, cleaned on load', () => {
  it.each([
    [undefined, []],
    ['nope', []],
    [[{ key: 'n', command: 'frame.next' }, null, { key: 3, command: 'x' }, { key: 'm', command: 'frame.next', when: '  ' }], [{ key: 'n', command: 'frame.next' }, { key: 'm', command: 'frame.next' }]],
  ])('keybindings %j → %j', (stored, clean) => {
    expect(cleanKeybindings(stored)).toEqual(clean);
  });

  it.each([
    [undefined, []],
    [['frame.next', 'frame.next', 'nope', 7, 'view.palette'], ['frame.next', 'view.palette']],
  ])('recent %j → %j', (stored, clean) => {
    expect(cleanRecent(stored)).toEqual(clean);
  });
});
