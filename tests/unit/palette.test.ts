import { describe, expect, it } from 'vitest';
import { createPalette, paletteItems, withRecent, RECENT_MAX, type Asking, type PaletteCommand, type PaletteState } from '../../utils/commands/palette';

const COMMANDS: PaletteCommand[] = [
  { id: 'frame.next', title: 'Next frame', category: 'Frame', keys: ['.'], takesArgument: false },
  { id: 'frame.previous', title: 'Previous frame', category: 'Frame', keys: [','], takesArgument: false },
  { id: 'loop.setIn', title: 'Set loop start (A)', category: 'Loop', keys: ['['], takesArgument: false },
  { id: 'draw.tool.pen', title: 'Draw freehand', category: 'Draw', keys: ['alt+p'], takesArgument: false },
  { id: 'draw.setColor', title: 'Drawing colour…', category: 'Draw', keys: [], takesArgument: true },
];

const COLOURS: Asking = {
  command: 'draw.setColor',
  title: 'Drawing colour…',
  prompt: 'Pick a colour',
  empty: 'No colours',
  choices: [
    { value: '#ffcf3f', label: 'Yellow', color: '#ffcf3f' },
    { value: '#ff4d4d', label: 'Red', color: '#ff4d4d' },
    { value: '#3fd0ff', label: 'Blue', color: '#3fd0ff' },
  ],
};

const state = (patch: Partial<PaletteState>): PaletteState => ({ open: true, query: '', index: 0, asking: null, recent: [], ...patch });

describe('paletteItems', () => {
  it('lists every command with an empty query, recently used first', () => {
    const items = paletteItems(state({ recent: ['loop.setIn', 'gone.command'] }), COMMANDS);
    expect(items.map((i) => i.value)[0]).toBe('loop.setIn');
    expect(items).toHaveLength(COMMANDS.length);
  });

  it.each([
    ['nf', 'frame.next'],
    ['next', 'frame.next'],
    ['prev', 'frame.previous'],
    ['loop st', 'loop.setIn'],
    ['free', 'draw.tool.pen'],
    ['colour', 'draw.setColor'],
    ['draw col', 'draw.setColor'],
  ])('"%s" ranks %s first', (query, id) => {
    expect(paletteItems(state({ query }), COMMANDS)[0]?.value).toBe(id);
  });

  it('gives each row its keys, category and whether it asks for an argument', () => {
    const [item] = paletteItems(state({ query: 'colour' }), COMMANDS);
    expect(item).toMatchObject({ label: 'Drawing colour…', category: 'Draw', keys: [], takesArgument: true });
  });

  it('lists nothing for a query nothing matches', () => {
    expect(paletteItems(state({ query: 'zzz' }), COMMANDS)).toEqual([]);
  });

  it("keeps a choice's private mark (the coach's words) with or without a query", () => {
    const comments = { command: 'comment.edit', title: 'Edit a comment', prompt: 'Pick', empty: 'None', choices: [{ value: 'c1', label: 'knee drive', private: true }, { value: 'c2', label: 'arm swing' }] };
    expect(paletteItems(state({ asking: comments }), COMMANDS).map((i) => [i.value, i.private ?? false])).toEqual([['c1', true], ['c2', false]]);
    expect(paletteItems(state({ asking: comments, query: 'knee' }), COMMANDS).map((i) => [i.value, i.private ?? false])).toEqual([['c1', true]]);
  });

  it('while asking, lists the choices in their order, then filters them by the query', () => {
    expect(paletteItems(state({ asking: COLOURS }), COMMANDS).map((i) => i.label)).toEqual(['Yellow', 'Red', 'Blue']);
    expect(paletteItems(state({ asking: COLOURS, query: 'bl' }), COMMANDS).map((i) => i.value)).toEqual(['#3fd0ff']);
    expect(paletteItems(state({ asking: COLOURS, query: 'bl' }), COMMANDS)[0]?.positions).toEqual([0, 1]);
  });
});

describe('withRecent', () => {
  it('moves the id to the front once and keeps at most RECENT_MAX', () => {
    expect(withRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    const long = Array.from({ length: RECENT_MAX + 5 }, (_, i) => `c${i}`);
    expect(withRecent(long, 'new')).toHaveLength(RECENT_MAX);
  });
});

function palette(commands = COMMANDS) {
  const runs: Array<[string, string | undefined]> = [];
  const used: string[] = [];
  const p = createPalette({
    commands: () => commands,
    asking: (id) => (id === 'draw.setColor' ? COLOURS : null),
    run: (id, arg) => void runs.push([id, arg]),
    used: (id) => void used.push(id),
  });
  return { p, runs, used };
}

describe('createPalette', () => {
  it('opens empty, filters as typed, and Enter runs the top match and closes', () => {
    const { p, runs, used } = palette();
    p.open();
    expect(p.state.get()).toMatchObject({ open: true, query: '', index: 0 });
    p.setQuery('prev');
    p.accept();
    expect(runs).toEqual([['frame.previous', undefined]]);
    expect(used).toEqual(['frame.previous']);
    expect(p.state.get().open).toBe(false);
    expect(p.state.get().recent[0]).toBe('frame.previous');
  });

  it('arrows move the highlight and wrap at both ends', () => {
    const { p } = palette();
    p.open();
    p.move(-1);
    expect(p.state.get().index).toBe(COMMANDS.length - 1);
    p.move(1);
    expect(p.state.get().index).toBe(0);
    p.move(2);
    expect(p.state.get().index).toBe(2);
    p.move(-Infinity);
    expect(p.state.get().index).toBe(0);
    p.move(Infinity);
    expect(p.state.get().index).toBe(COMMANDS.length - 1);
  });

  it('typing starts the highlight again at the top', () => {
    const { p } = palette();
    p.open();
    p.move(3);
    p.setQuery('n');
    expect(p.state.get().index).toBe(0);
  });

  it('a command with an argument asks for it, then runs with the chosen value', () => {
    const { p, runs } = palette();
    p.open();
    p.setQuery('colour');
    p.accept();
    expect(runs).toEqual([]);
    expect(p.state.get()).toMatchObject({ open: true, query: '', asking: { command: 'draw.setColor' } });
    p.setQuery('red');
    p.accept();
    expect(runs).toEqual([['draw.setColor', '#ff4d4d']]);
    expect(p.state.get()).toMatchObject({ open: false, asking: null });
  });

  it('ask opens straight at the argument (a key for a command that needs one)', () => {
    const { p, runs } = palette();
    p.ask('draw.setColor');
    expect(p.state.get().asking?.command).toBe('draw.setColor');
    p.accept(2);
    expect(runs).toEqual([['draw.setColor', '#3fd0ff']]);
  });

  it('ask for a command without an argument does nothing', () => {
    const { p } = palette();
    p.ask('frame.next');
    expect(p.state.get().open).toBe(false);
  });

  it('Enter with nothing listed runs nothing and stays open', () => {
    const { p, runs } = palette();
    p.open();
    p.setQuery('zzz');
    p.accept();
    expect(runs).toEqual([]);
    expect(p.state.get().open).toBe(true);
  });

  it('opening again forgets the last query and question', () => {
    const { p } = palette();
    p.ask('draw.setColor');
    p.setQuery('re');
    p.close();
    p.open();
    expect(p.state.get()).toMatchObject({ query: '', asking: null, index: 0 });
  });
});

describe('type-ahead (keys typed before the text box has the focus)', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

  it('text goes into the query in order; Backspace, arrows and Enter act', () => {
    const { p, runs } = palette();
    p.open();
    for (const k of 'prex') expect(p.typeAhead(key(k))).toBe(true);
    expect(p.typeAhead(key('Backspace'))).toBe(true);
    expect(p.state.get().query).toBe('pre');
    p.typeAhead(key('v'));
    expect(p.typeAhead(key('Enter'))).toBe(true);
    expect(runs).toEqual([['frame.previous', undefined]]);
  });

  it('with a text box that takes type-ahead, text goes where the box\'s own typing began, and the query is what the box holds', () => {
    // Keys handed over from Drive's file page arrive late: "fr" from there and "me" typed in
    // the box itself came out "fmer" when the late letters went on the end of the query.
    let box = '';
    let mark = 0; // where the box's own typing began: type-ahead goes before it
    const runs: string[] = [];
    const p = createPalette({
      commands: () => COMMANDS,
      asking: () => null,
      run: (id) => void runs.push(id),
      typeIntoBox: (text, back) => {
        box = box.slice(0, Math.max(0, mark - back)) + text + box.slice(mark);
        mark += text.length - back;
        p.setQuery(box); // the box reports what it holds
        return true;
      },
    });
    p.open();
    box = 'me'; // typed in the box
    p.setQuery(box);
    for (const k of 'fra') expect(p.typeAhead(key(k))).toBe(true);
    expect(p.state.get().query).toBe('frame');
    p.typeAhead(key('Backspace'));
    expect(p.state.get().query).toBe('frme');
  });

  it('is not taken when the palette is closed, or with Ctrl or Meta (the browser keys)', () => {
    const { p } = palette();
    expect(p.typeAhead(key('a'))).toBe(false);
    p.open();
    expect(p.typeAhead(key('c', { ctrlKey: true }))).toBe(false);
    expect(p.typeAhead(key('F5'))).toBe(false);
    expect(p.state.get().query).toBe('');
  });
});
