/**
 * Convention test for the built-in commands (refined-github's build/features.test.ts does
 * the same for its features): each is registered once, described, reachable from a key that
 * a key press can produce, and its `run` does what its id says.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import type { CommandContext, CommentActions, ContextKeys, DrawingActions, EditActions, PacketActions, PlayerActions, UiActions } from '../../utils/commands/context';
import { createResolver, defaultRules } from '../../utils/commands/keybindings';
import { chordOf, normalizeChord, type KeyLike } from '../../utils/commands/keys';
import { createRegistry } from '../../utils/commands/registry';
import { parseWhen } from '../../utils/commands/when';

// Typed as ContextKeys so the compiler names a key added there and forgotten here.
const KEY_TEMPLATE: ContextKeys = {
  videoAttached: false,
  overlayVisible: false,
  paused: false,
  looping: false,
  helpVisible: false,
  commentsOpen: false,
  canUndo: false,
  toolActive: false,
  selecting: false,
  drawingSelected: false,
  canRedo: false,
  canPaste: false,
  sendOpen: false,
  reportOpen: false,
  paletteOpen: false,
  editorOpen: false,
  commentDeleted: false,
  panelFocus: false,
  packetLayerShown: false,
  adPlaying: false,
  packetOffered: false,
  packetSaving: false,
  packetSaved: false,
  reportBusy: false,
  reportWritten: false,
  reportNeedsCapture: false,
};
const CONTEXT_KEYS = Object.keys(KEY_TEMPLATE);

/** The context keys some when clauses read. */
const keysOf = (...whens: (string | undefined)[]) => CONTEXT_KEYS.filter((k) => whens.some((w) => new RegExp(`\\b${k}\\b`).test(w ?? '')));

/**
 * Every combination of the context keys the given commands read (the others stay false, which
 * none of those clauses can see): all there is to check about those commands, in 2^n contexts
 * for their n keys rather than for every key the built-ins read.
 */
function contextsFor(...commands: { when?: string; keysWhen?: string }[]): ContextKeys[] {
  const keys = keysOf(...commands.flatMap((c) => [c.when, c.keysWhen]));
  return Array.from({ length: 2 ** keys.length }, (_, bits) => {
    const ctx = { ...KEY_TEMPLATE };
    keys.forEach((key, i) => (ctx[key] = Boolean(bits & (1 << i))));
    return ctx;
  });
}

const label = (ctx: ContextKeys) => CONTEXT_KEYS.filter((k) => ctx[k]).join(' && ') || '(none)';

type Call = [target: 'player' | 'ui' | 'comments' | 'drawing' | 'edit' | 'packets', method: string, args: unknown[]];

function fakeContext(): { ctx: CommandContext; calls: Call[] } {
  const calls: Call[] = [];
  const record = <T extends object>(target: Call[0]) =>
    new Proxy({} as T, {
      get: (_, method) => (...args: unknown[]) => void calls.push([target, String(method), args]),
    });
  return {
    ctx: { player: record<PlayerActions>('player'), ui: record<UiActions>('ui'), comments: record<CommentActions>('comments'), drawing: record<DrawingActions>('drawing'), edit: record<EditActions>('edit'), packets: record<PacketActions>('packets') },
    calls,
  };
}

/** What each command's run must call. A new command needs a row here. */
const EXPECTED_RUN: Record<string, Call> = {
  'frame.next': ['player', 'step', [1]],
  'frame.previous': ['player', 'step', [-1]],
  'frame.forward10': ['player', 'step', [10]],
  'frame.back10': ['player', 'step', [-10]],
  'playback.toggle': ['player', 'togglePlay', []],
  'playback.slower': ['player', 'changeSpeed', [-1]],
  'playback.faster': ['player', 'changeSpeed', [1]],
  'playback.normalSpeed': ['player', 'resetSpeed', []],
  'loop.setIn': ['player', 'setLoopIn', []],
  'loop.setOut': ['player', 'setLoopOut', []],
  'loop.clear': ['player', 'clearLoop', []],
  'view.toggleOverlay': ['ui', 'toggleOverlay', []],
  'view.fullscreen': ['ui', 'toggleFullscreen', []],
  'view.help': ['ui', 'toggleHelp', []],
  'view.closeHelp': ['ui', 'toggleHelp', []],
  'comment.add': ['comments', 'add', [false]],
  'packet.send': ['packets', 'send', []],
  'packet.closeSend': ['packets', 'closeSend', []],
  'report.make': ['packets', 'report', []],
  'report.close': ['packets', 'closeReport', []],
  'packet.save': ['packets', 'savePacket', []],
  'packet.copyText': ['packets', 'copyPacketText', []],
  'report.write': ['packets', 'writeReport', [false]],
  'report.writeBlank': ['packets', 'writeReport', [true]],
  'report.allowCapture': ['packets', 'allowCapture', []],
  'report.cancel': ['packets', 'cancelReport', []],
  'report.save': ['ui', 'pick', ['report.save']],
  'comment.addRange': ['comments', 'add', [true]],
  'comment.togglePanel': ['comments', 'togglePanel', []],
  'edit.undo': ['edit', 'undo', []],
  'edit.redo': ['edit', 'redo', []],
  'draw.tool.line': ['drawing', 'setTool', ['line']],
  'draw.tool.angle': ['drawing', 'setTool', ['angle']],
  'draw.tool.angleToVertical': ['drawing', 'setTool', ['angleToVertical']],
  'draw.exit': ['drawing', 'setTool', [null]],
  'draw.tool.pen': ['drawing', 'setTool', ['pen']],
  'draw.tool.arrow': ['drawing', 'setTool', ['arrow']],
  'draw.tool.rect': ['drawing', 'setTool', ['rect']],
  'draw.tool.ellipse': ['drawing', 'setTool', ['ellipse']],
  'draw.tool.angleToHorizontal': ['drawing', 'setTool', ['angleToHorizontal']],
  'draw.tool.text': ['drawing', 'setTool', ['text']],
  'draw.tool.stopwatch': ['drawing', 'setTool', ['stopwatch']],
  'draw.tool.select': ['drawing', 'setTool', ['select']],
  'draw.nudge.left': ['drawing', 'nudge', [-0.005, 0]],
  'draw.nudge.right': ['drawing', 'nudge', [0.005, 0]],
  'draw.nudge.up': ['drawing', 'nudge', [0, -0.005]],
  'draw.nudge.down': ['drawing', 'nudge', [0, 0.005]],
  'draw.nudgeFar.left': ['drawing', 'nudge', [-0.025, 0]],
  'draw.nudgeFar.right': ['drawing', 'nudge', [0.025, 0]],
  'draw.nudgeFar.up': ['drawing', 'nudge', [0, -0.025]],
  'draw.nudgeFar.down': ['drawing', 'nudge', [0, 0.025]],
  'draw.place': ['drawing', 'place', []],
  'draw.selectNext': ['drawing', 'selectNext', [false]],
  'draw.selectPrevious': ['drawing', 'selectNext', [true]],
  'draw.delete': ['drawing', 'remove', []],
  'draw.color': ['drawing', 'recolor', []],
  'draw.thicker': ['drawing', 'changeWidth', [1]],
  'draw.thinner': ['drawing', 'changeWidth', [-1]],
  'draw.hold': ['drawing', 'cycleHold', []],
  'draw.range': ['drawing', 'toggleRange', []],
  'draw.copy': ['drawing', 'copy', []],
  'draw.paste': ['drawing', 'paste', []],
  'draw.comment': ['drawing', 'comment', []],
  // Run without their argument (by a key), these ask for it in the palette.
  'draw.setColor': ['ui', 'pick', ['draw.setColor']],
  'playback.setSpeed': ['ui', 'pick', ['playback.setSpeed']],
  'comment.goTo': ['ui', 'pick', ['comment.goTo']],
  'draw.goTo': ['ui', 'pick', ['draw.goTo']],
  'comment.restore': ['comments', 'undo', []],
  'view.palette': ['ui', 'openPalette', []],
  'view.closePalette': ['ui', 'closePalette', []],
  'view.tour': ['ui', 'openPage', ['tour']],
  'view.library': ['ui', 'openPage', ['library']],
  'view.settings': ['ui', 'openPage', ['settings']],
  'comment.collapsePanel': ['comments', 'toggleCollapsed', []],
  'comment.dockPanel': ['ui', 'pick', ['comment.dockPanel']],
  'comment.edit': ['ui', 'pick', ['comment.edit']],
  'comment.reply': ['ui', 'pick', ['comment.reply']],
  'comment.delete': ['ui', 'pick', ['comment.delete']],
  'comment.resolve': ['ui', 'pick', ['comment.resolve']],
  'comment.acknowledge': ['ui', 'pick', ['comment.acknowledge']],
  'comment.linkDrawing': ['ui', 'pick', ['comment.linkDrawing']],
  'packet.attach': ['ui', 'pick', ['packet.attach']],
  'packet.dismiss': ['ui', 'pick', ['packet.dismiss']],
  'layer.toggle': ['ui', 'pick', ['layer.toggle']],
};

/** Given their argument (the panel's button on a comment, a row of the palette), these act on it. */
const EXPECTED_WITH_ARG: Record<string, [arg: string, call: Call]> = {
  'draw.setColor': ['#3fd0ff', ['drawing', 'setColor', ['#3fd0ff']]],
  'playback.setSpeed': ['0.25', ['player', 'setSpeed', [0.25]]],
  'comment.goTo': ['c1', ['comments', 'goTo', ['c1']]],
  'draw.goTo': ['d1', ['drawing', 'goTo', ['d1']]],
  'comment.dockPanel': ['left', ['comments', 'dock', ['left']]],
  'comment.edit': ['c1', ['comments', 'edit', ['c1']]],
  'comment.reply': ['c1', ['comments', 'reply', ['c1']]],
  'comment.delete': ['c1', ['comments', 'remove', ['c1']]],
  'comment.resolve': ['c1', ['comments', 'toggleResolved', ['c1']]],
  'comment.acknowledge': ['c1', ['comments', 'toggleAck', ['c1']]],
  'comment.linkDrawing': ['c1', ['comments', 'linkDrawing', ['c1']]],
  'packet.attach': ['url:https://a.example/v', ['packets', 'attach', ['url:https://a.example/v']]],
  'packet.dismiss': ['url:https://a.example/v', ['packets', 'dismiss', ['url:https://a.example/v']]],
  'layer.toggle': ['kim-1', ['packets', 'toggleLayer', ['kim-1']]],
  'report.save': ['framecoach-report.csv', ['packets', 'saveReportFile', ['framecoach-report.csv']]],
};

/** Commands found in the palette only (no default key, nothing to ask). */
const PALETTE_ONLY = new Set(['view.tour', 'view.library', 'view.settings', 'comment.collapsePanel', 'comment.restore', 'packet.save', 'packet.copyText', 'report.write', 'report.writeBlank', 'report.allowCapture', 'report.cancel']);

/** Named keys the built-ins use, as KeyboardEvent.key spells them. */
const NAMED_KEYS: Record<string, string> = {
  arrowright: 'ArrowRight',
  arrowleft: 'ArrowLeft',
  arrowup: 'ArrowUp',
  arrowdown: 'ArrowDown',
  escape: 'Escape',
  space: ' ',
  enter: 'Enter',
  tab: 'Tab',
  delete: 'Delete',
  backspace: 'Backspace',
};

/** The key press a person makes for a chord (US layout), or null if we can't say. */
function pressFor(chord: string): KeyLike | null {
  const parts = chord === '+' ? ['+'] : chord.endsWith('++') ? [...chord.slice(0, -2).split('+'), '+'] : chord.split('+');
  const name = parts.pop()!;
  const mods = new Set(parts);
  const shiftKey = mods.has('shift') || (name.length === 1 && '~!@#$%^&*()_+{}|:"<>?'.includes(name));
  let key: string | undefined;
  if (/^[a-z]$/.test(name)) key = mods.has('shift') ? name.toUpperCase() : name;
  else if (name.length === 1) key = name;
  else key = NAMED_KEYS[name];
  if (key === undefined) return null;
  return { key, ctrlKey: mods.has('ctrl'), metaKey: mods.has('meta'), altKey: mods.has('alt'), shiftKey };
}

const ids = BUILTIN_COMMANDS.map((c) => c.id);
const byId = new Map(BUILTIN_COMMANDS.map((c) => [c.id, c]));
const defaultKeys = BUILTIN_COMMANDS.flatMap((c) => (c.keys ?? []).map((key) => [c.id, key] as const));

describe('built-in commands', () => {
  it('register once each (createRegistry throws on a duplicate id)', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const registry = createRegistry(BUILTIN_COMMANDS);
    expect(registry.all().map((c) => c.id)).toEqual(ids);
  });

  it('are all listed in this test, and this test lists no others', () => {
    expect([...ids].sort()).toEqual(Object.keys(EXPECTED_RUN).sort());
  });

  it('have distinct titles', () => {
    const titles = BUILTIN_COMMANDS.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  describe.each(ids)('%s', (id) => {
    const command = byId.get(id)!;

    it('has a non-empty title and category', () => {
      expect(command.title.trim()).not.toBe('');
      expect(command.title).toBe(command.title.trim());
      expect(command.category.trim()).not.toBe('');
    });

    it('has a dotted id namespace.name', () => {
      expect(id).toMatch(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/);
    });

    it('has a parseable when (and keys\' when) that reads only known context keys', () => {
      for (const when of [command.when, command.keysWhen]) {
        expect(() => parseWhen(when)).not.toThrow();
        const names = (when ?? '').replace(/'[^']*'/g, '').match(/[A-Za-z_][\w.]*/g) ?? [];
        for (const name of names.filter((n) => n !== 'true' && n !== 'false')) expect(CONTEXT_KEYS).toContain(name);
      }
    });

    it('can be enabled in some context, and not in every one', () => {
      const when = parseWhen(command.when);
      expect(contextsFor(command).some((ctx) => when(ctx))).toBe(true);
      // Every built-in needs at least a video or the help sheet: none fires on a bare page.
      expect(when({ ...KEY_TEMPLATE })).toBe(false);
    });

    it('has at least one default key (or an argument the palette asks for), each normalized and made by a real key press', () => {
      if (!command.argument && !PALETTE_ONLY.has(id)) expect(command.keys?.length).toBeGreaterThan(0);
      for (const key of command.keys ?? []) {
        expect(normalizeChord(key)).toBe(key);
        const press = pressFor(key);
        expect(press, `no key press known for "${key}"`).not.toBeNull();
        expect(chordOf(press!)).toBe(key);
      }
    });

    it('is reached by each of its default keys wherever it is enabled (and its keys\' own condition holds)', () => {
      const registry = createRegistry(BUILTIN_COMMANDS);
      const resolver = createResolver(defaultRules(registry.all()));
      const when = parseWhen(command.when);
      const keysWhen = parseWhen(command.keysWhen);
      for (const key of command.keys ?? []) {
        // Every command this key may run decides which one it runs.
        const rivals = BUILTIN_COMMANDS.filter((c) => c.keys?.includes(key));
        for (const ctx of contextsFor(...rivals).filter((c) => when(c) && keysWhen(c))) {
          expect(resolver.resolve(key, ctx, (c) => registry.enabled(c, ctx)), `${key} in ${label(ctx)}`).toBe(id);
        }
      }
      expect(resolver.keysFor(id)).toEqual(command.keys ?? []);
    });

    it('runs the expected action on the context, once', () => {
      const { ctx, calls } = fakeContext();
      const result = command.run(ctx);
      expect(result).toBeUndefined();
      expect(calls).toEqual([EXPECTED_RUN[id]]);
    });

    it('acts on its argument when given one (and has one exactly when the palette may ask)', () => {
      expect(!!command.argument).toBe(id in EXPECTED_WITH_ARG);
      if (!command.argument) return;
      const [arg, call] = EXPECTED_WITH_ARG[id]!;
      const { ctx, calls } = fakeContext();
      void command.run(ctx, arg);
      expect(calls).toEqual([call]);
    });

    it('executes through the registry only where its when holds', () => {
      const registry = createRegistry(BUILTIN_COMMANDS);
      const when = parseWhen(command.when);
      for (const context of contextsFor(command)) {
        const { ctx, calls } = fakeContext();
        expect(registry.execute(id, ctx, context)).toBe(when(context));
        expect(calls).toEqual(when(context) ? [EXPECTED_RUN[id]] : []);
      }
    });
  });

  it('no two commands share a default key under overlapping when clauses', () => {
    const clashes: string[] = [];
    for (const [i, [a, keyA]] of defaultKeys.entries()) {
      for (const [b, keyB] of defaultKeys.slice(i + 1)) {
        if (normalizeChord(keyA) !== normalizeChord(keyB)) continue;
        const [commandA, commandB] = [byId.get(a)!, byId.get(b)!];
        const whenA = parseWhen(`(${commandA.when ?? 'true'}) && (${commandA.keysWhen ?? 'true'})`);
        const whenB = parseWhen(`(${commandB.when ?? 'true'}) && (${commandB.keysWhen ?? 'true'})`);
        const both = contextsFor(commandA, commandB).find((ctx) => whenA(ctx) && whenB(ctx));
        if (both) clashes.push(`${keyA}: ${a} and ${b} in ${label(both)}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('pressFor (this test helper) agrees with chordOf on awkward chords', () => {
    // Guards the reachability test above against a helper that accepts anything.
    expect(pressFor('shift+arrowright')).toMatchObject({ key: 'ArrowRight', shiftKey: true });
    expect(pressFor('shift+h')).toMatchObject({ key: 'H', shiftKey: true });
    expect(pressFor('<')).toMatchObject({ key: '<', shiftKey: true });
    expect(pressFor('ctrl++')).toMatchObject({ key: '+', ctrlKey: true });
    expect(pressFor('shift+pageup')).toBeNull();
    expect(chordOf(pressFor('shift+<')!)).not.toBe('shift+<'); // not a chord a key press makes
  });
});
