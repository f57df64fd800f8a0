import type { DrawState } from '../../utils/drawing/feature';
import { PALETTE, PALETTE_NAMES } from '../../utils/drawing/colors';
import type { DrawingAnnotation } from '../../utils/model/types';
import { chordLabel, keyText } from '../../utils/commands/keys';
import { Button, type CommandRunner } from '../overlay/toolbar';

/** Tools in the bar, with a short face each (the title and keys are in the tooltip). */
const TOOLS: readonly [id: string, face: string][] = [
  ['draw.tool.pen', '✎'],
  ['draw.tool.line', '╱'],
  ['draw.tool.arrow', '➚'],
  ['draw.tool.rect', '▭'],
  ['draw.tool.ellipse', '◯'],
  ['draw.tool.text', 'T'],
  ['draw.tool.angle', '∠'],
  ['draw.tool.angleToVertical', '∠|'],
  ['draw.tool.angleToHorizontal', '∠―'],
];

/** The commands that move the keyboard pointer, or the selected drawing with Select. */
const NUDGES = ['draw.nudge.left', 'draw.nudge.right', 'draw.nudge.up', 'draw.nudge.down'];

/** What to do next, for the tool in hand (keys as bound now). */
function hintFor(mode: string | null, runner: CommandRunner): string {
  const key = (id: string) => keyText(runner, id);
  // `←→↑↓` by default; longer labels (a rebound `Shift+A`) apart; with none bound, the palette.
  const labels = NUDGES.flatMap((id) => runner.keysFor(id).slice(0, 1)).map(chordLabel);
  const arrows = labels.length ? labels.join(labels.every((l) => [...l].length === 1) ? '' : ' ') : key(NUDGES[0]!);
  const pointer = `or ${arrows} + ${key('draw.place')}`;
  const hints: Record<string, string> = {
    select: `Click a drawing to select it, drag to move, drag a handle to reshape, double-click a label to edit · ${key('draw.selectNext')} cycles · ${arrows} nudge`,
    pen: 'Drag to draw freehand',
    text: `Click where the label goes, type, Enter · ${pointer}`,
    angle: `Click three points: one end, the vertex, the other end · ${pointer}`,
    stopwatch: `Click (or ${key('draw.place')}) marks this frame; step with ${key('frame.next')} and ${key('frame.previous')} to the next moment and mark it · 3+ marks give cadence`,
  };
  return `${hints[mode ?? ''] ?? `Drag on the picture · ${pointer}`} · ${key('draw.exit')} to finish`;
}

/** The drawing tools and, for the selected drawing, its colour, width, timing and actions. */
export function DrawBar({ draw, selected, runner }: {
  draw: DrawState;
  selected: DrawingAnnotation | null;
  runner: CommandRunner;
}) {
  const mode = draw.tool?.tool ?? null;
  const color = selected?.style.color ?? draw.defaults.color;
  const width = selected?.style.width ?? draw.defaults.width;
  const hold = selected?.timing.holdSeconds ?? draw.defaults.holdSeconds;
  const ranged = selected?.timing.endTime != null;
  return (
    <div class="fc-drawbar" role="toolbar" aria-label="Drawing">
      <div class="fc-tools">
        <Button id="draw.tool.select" runner={runner} icon="pointer" pressed={mode === 'select'} />
        {TOOLS.map(([id, face]) => (
          <Button key={id} id={id} runner={runner} text={face} pressed={`draw.tool.${mode}` === id} />
        ))}
 <Button id="draw.tool.stopwatch" runner={runner} icon="stopwatch" pressed={mode === 'stopwatch'} />
        <span class="fc-sep" />
        <Button id="edit.undo" runner={runner} text="↶" />
        <Button id="edit.redo" runner={runner} text="↷" />
        <Button id="draw.exit" runner={runner} text="Done" />
      </div>
      <div class="fc-tools">
        {PALETTE.map((c) => (
          <button
            key={c}
            type="button"
            class="fc-swatch"
            title={`${PALETTE_NAMES[c]}${selected ? '' : ' for new drawings'}`}
            aria-label={`Colour: ${PALETTE_NAMES[c]}`}
            aria-pressed={c === color}
            style={{ background: c }}
            disabled={!runner.enabled('draw.setColor')}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => runner.run('draw.setColor', c)}
          />
        ))}
        <span class="fc-sep" />
        <Button id="draw.thinner" runner={runner} text="−" />
        <span class="fc-num fc-width" title="Stroke width">{width}</span>
        <Button id="draw.thicker" runner={runner} text="+" />
        <span class="fc-sep" />
        <Button id="draw.hold" runner={runner} text={ranged ? 'A→B' : `${hold} s`} />
        <Button id="draw.range" runner={runner} text="to B" pressed={ranged} />
        <span class="fc-sep" />
        <Button id="draw.copy" runner={runner} text="Copy" />
        <Button id="draw.paste" runner={runner} text="Paste" />
        <Button id="draw.comment" runner={runner} icon="comment" />
        <Button id="draw.delete" runner={runner} icon="close" />
      </div>
      <div class="fc-hint" role="status">
        {mode === 'stopwatch' && draw.marks.length > 0 ? `${draw.marks.length} marked · ` : ''}
        {hintFor(mode, runner)}
      </div>
    </div>
  );
}
