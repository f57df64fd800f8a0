import type { CommandContext } from './context';
import { PALETTE_NAMES } from '../drawing/colors';
import type { Tool } from '../model/types';
import type { Command } from './registry';

export type Cmd = Command<CommandContext>;

/** A video is attached and FrameCoach is shown over it. */
export const ACTIVE = 'videoAttached && overlayVisible';

const tool = (id: string, title: string, name: Tool, key: string): Cmd => ({
  id,
  title,
  category: 'Draw',
  keys: [key],
  when: ACTIVE,
  run: ({ drawing }) => drawing.setTool(name),
});

/** A drawing is selected, which only happens with a drawing tool in hand (keys stay the page's otherwise). */
const SELECTED = ACTIVE + ' && toolActive && drawingSelected';
/** Keyboard pointer steps (normalized picture units): fine, and with Shift, coarse. */
const FINE = 0.005;
const COARSE = 0.025;

const nudge = (id: string, title: string, key: string, dx: number, dy: number): Cmd => ({
  id,
  title,
  category: 'Draw',
  keys: [key],
  when: ACTIVE + ' && toolActive',
  run: ({ drawing }) => drawing.nudge(dx, dy),
});

const NUDGES: Cmd[] = (
  [
    ['left', 'arrowleft', -1, 0],
    ['right', 'arrowright', 1, 0],
    ['up', 'arrowup', 0, -1],
    ['down', 'arrowdown', 0, 1],
  ] as const
).flatMap(([dir, key, x, y]) => [
  nudge(`draw.nudge.${dir}`, `Move the pointer or the drawing ${dir}`, key, x * FINE, y * FINE),
  nudge(`draw.nudgeFar.${dir}`, `Move the pointer or the drawing ${dir}, far`, `shift+${key}`, x * COARSE, y * COARSE),
]);

/** Every built-in command. Keys are defaults; user bindings (later) are appended after. */

/** The drawing tools and what they do to the selected drawing. */
export const DRAW_COMMANDS: readonly Cmd[] = [
  {
    id: 'draw.tool.line',
    title: 'Draw a line',
    category: 'Draw',
    keys: ['alt+l'],
    when: ACTIVE,
    run: ({ drawing }) => drawing.setTool('line'),
  },
  {
    id: 'draw.tool.angle',
    title: 'Measure an angle (three clicks)',
    category: 'Draw',
    keys: ['alt+g'],
    when: ACTIVE,
    run: ({ drawing }) => drawing.setTool('angle'),
  },
  {
    id: 'draw.tool.angleToVertical',
    title: 'Angle to vertical (drag)',
    category: 'Draw',
    keys: ['alt+v'],
    when: ACTIVE,
    run: ({ drawing }) => drawing.setTool('angleToVertical'),
  },
  tool('draw.tool.pen', 'Draw freehand', 'pen', 'alt+p'),
  tool('draw.tool.arrow', 'Draw an arrow', 'arrow', 'alt+a'),
  tool('draw.tool.rect', 'Draw a rectangle', 'rect', 'alt+r'),
  tool('draw.tool.ellipse', 'Draw an ellipse', 'ellipse', 'alt+o'),
  tool('draw.tool.angleToHorizontal', 'Angle to horizontal (drag)', 'angleToHorizontal', 'alt+h'),
  tool('draw.tool.text', 'Write a label', 'text', 'alt+t'),
  tool('draw.tool.stopwatch', 'Stopwatch: mark frames for time and cadence', 'stopwatch', 'alt+w'),
  {
    id: 'draw.tool.select',
    title: 'Select and edit drawings',
    category: 'Draw',
    keys: ['alt+s'],
    when: ACTIVE,
    run: ({ drawing }) => drawing.setTool('select'),
  },
  ...NUDGES,
  {
    id: 'draw.place',
    title: 'Place a point at the keyboard pointer (or edit the selected label)',
    category: 'Draw',
    keys: ['enter'],
    when: ACTIVE + ' && toolActive',
    run: ({ drawing }) => drawing.place(),
  },
  {
    id: 'draw.selectNext',
    title: 'Select the next drawing on this frame',
    category: 'Draw',
    keys: ['tab'],
    when: ACTIVE + ' && selecting',
    run: ({ drawing }) => drawing.selectNext(false),
  },
  {
    id: 'draw.selectPrevious',
    title: 'Select the previous drawing on this frame',
    category: 'Draw',
    keys: ['shift+tab'],
    when: ACTIVE + ' && selecting',
    run: ({ drawing }) => drawing.selectNext(true),
  },
  {
    id: 'draw.delete',
    title: 'Delete the selected drawing',
    category: 'Draw',
    keys: ['delete', 'backspace'],
    when: SELECTED,
    run: ({ drawing }) => drawing.remove(),
  },
  {
    id: 'draw.color',
    title: 'Next colour',
    category: 'Draw',
    keys: ['alt+k'],
    when: SELECTED,
    run: ({ drawing }) => drawing.recolor(),
  },
  {
    id: 'draw.thicker',
    title: 'Thicker stroke',
    category: 'Draw',
    keys: ['ctrl+]'],
    when: SELECTED,
    run: ({ drawing }) => drawing.changeWidth(1),
  },
  {
    id: 'draw.thinner',
    title: 'Thinner stroke',
    category: 'Draw',
    keys: ['ctrl+['],
    when: SELECTED,
    run: ({ drawing }) => drawing.changeWidth(-1),
  },
  {
    id: 'draw.hold',
    title: 'Longer hold during playback',
    category: 'Draw',
    keys: ['alt+j'],
    when: SELECTED,
    run: ({ drawing }) => drawing.cycleHold(),
  },
  {
    id: 'draw.range',
    title: 'Show over the range to B (or on its frame only)',
    category: 'Draw',
    keys: ['alt+b'],
    when: SELECTED,
    run: ({ drawing }) => drawing.toggleRange(),
  },
  {
    id: 'draw.copy',
    title: 'Copy the selected drawing',
    category: 'Draw',
    keys: ['ctrl+c', 'meta+c'],
    when: SELECTED,
    run: ({ drawing }) => drawing.copy(),
  },
  {
    id: 'draw.paste',
    title: 'Paste the drawing on this frame',
    category: 'Draw',
    keys: ['ctrl+v', 'meta+v'],
    when: ACTIVE + ' && toolActive && canPaste',
    run: ({ drawing }) => drawing.paste(),
  },
  {
    id: 'draw.comment',
    title: 'Comment on the selected drawing',
    category: 'Draw',
    keys: ['c'],
    when: SELECTED,
    run: ({ drawing }) => drawing.comment(),
  },
  {
    id: 'draw.exit',
    title: 'Leave the drawing tool',
    category: 'Draw',
    keys: ['escape'],
    when: ACTIVE + ' && toolActive && !helpVisible && !paletteOpen',
    run: ({ drawing }) => drawing.setTool(null),
  },
  {
    id: 'draw.goTo',
    title: 'Go to a drawing…',
    category: 'Draw',
    when: ACTIVE,
    argument: {
      prompt: 'Pick a drawing to go to its frame',
      empty: (key) => `No drawings on this video yet: pick a tool with ${key('draw.tool.select')}`,
      choices: ({ drawing }) => drawing.choices(),
    },
    run: ({ drawing, ui }, id) => (id === undefined ? ui.pick('draw.goTo') : drawing.goTo(id)),
  },
  {
    id: 'draw.setColor',
    title: 'Drawing colour…',
    category: 'Draw',
    when: ACTIVE,
    argument: {
      prompt: 'Pick a colour for the selected drawing and new ones',
      empty: 'No colours',
      choices: () => Object.entries(PALETTE_NAMES).map(([value, label]) => ({ value, label, detail: value, color: value })),
    },
    run: ({ drawing, ui }, color) => (color === undefined ? ui.pick('draw.setColor') : drawing.setColor(color)),
  },
];
