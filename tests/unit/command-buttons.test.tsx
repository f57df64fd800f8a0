// @vitest-environment happy-dom
/**
 * The overlay's buttons are enabled exactly when their command's `when` holds (issue 13: the
 * palette, the keys and the buttons agree), and the panel's and timeline's buttons run
 * commands rather than acting beside the registry.
 */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DrawBar } from '../../components/drawing/draw-bar';
import { TimelineStrip } from '../../components/comments/timeline-strip';
import { Toolbar, type CommandRunner } from '../../components/overlay/toolbar';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import type { ContextKeys } from '../../utils/commands/context';
import { createRegistry } from '../../utils/commands/registry';
import { drawingChoices } from '../../utils/drawing/choices';
import { PALETTE } from '../../utils/drawing/colors';
import type { DrawState } from '../../utils/drawing/feature';
import { startTool } from '../../utils/drawing/tools';
import type { CommentAnnotation, DrawingAnnotation, Shape } from '../../utils/model/types';
import type { PlayerState } from '../../utils/player/session';

const registry = createRegistry(BUILTIN_COMMANDS);
const ACTIVE: Partial<ContextKeys> = { videoAttached: true, overlayVisible: true, paused: true };

/** A runner over the real registry in context `keys`, recording what it is asked to run. */
function runnerIn(keys: Partial<ContextKeys>) {
  const ran: [string, string | undefined][] = [];
  const context = keys as ContextKeys;
  const runner: CommandRunner = {
    run: (id, arg) => void ran.push([id, arg]),
    title: (id) => registry.get(id)?.title ?? id,
    keysFor: () => [],
    enabled: (id) => registry.enabled(id, context),
  };
  return { runner, ran, context };
}

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
});
async function show(node: ComponentChild): Promise<HTMLElement> {
  const el = (root ??= document.body.appendChild(document.createElement('div')));
  await act(() => render(node, el));
  return el;
}

/** Each command button in `el`, and whether the registry says its command can run in `context`. */
function agreement(el: HTMLElement, context: ContextKeys) {
  const buttons = [...el.querySelectorAll<HTMLButtonElement>('button[data-command]')];
  expect(buttons.length).toBeGreaterThan(3);
  return buttons.map((b) => [b.dataset.command, b.disabled, !registry.enabled(b.dataset.command!, context)]);
}
const agree = (rows: unknown[][]) => expect(rows.filter(([, disabled, shouldBe]) => disabled !== shouldBe)).toEqual([]);

const player: PlayerState = {
  time: 1, rate: { fps: 30, minGap: 1 / 30, variable: false, samples: 60 }, speed: 1, paused: true, loopIn: null, loopOut: null,
  busy: false, message: null, lastStepMs: null,
} as PlayerState;
const draw = (patch: Partial<DrawState> = {}): DrawState => ({
  videoId: 'v1', drawings: [], tool: startTool('select'), preview: null, selectedId: null, editing: null, text: null, marks: [], cursor: null,
  clipboard: null, defaults: { color: '#ff4d4d', width: 4, holdSeconds: 1 }, error: null, ...patch,
});

describe('buttons follow their commands’ when', () => {
  it('the toolbar: all enabled over a shown video, none with FrameCoach hidden', async () => {
    const on = runnerIn(ACTIVE);
    const shown = agreement(await show(<Toolbar state={player} runner={on.runner} />), on.context);
    agree(shown);
    expect(shown.every(([, disabled]) => !disabled)).toBe(true);
    const off = runnerIn({ ...ACTIVE, overlayVisible: false });
    const hidden = agreement(await show(<Toolbar state={player} runner={off.runner} />), off.context);
    agree(hidden);
    // Only "Hide / show FrameCoach" applies to a hidden overlay.
    expect(hidden.filter(([, disabled]) => !disabled).map(([id]) => id)).toEqual(['view.toggleOverlay']);
  });

  it('the drawing bar: the selected drawing’s buttons, undo, redo and paste as the context says', async () => {
    const idle = runnerIn({ ...ACTIVE, toolActive: true, selecting: true });
    const el = await show(<DrawBar draw={draw()} selected={null} runner={idle.runner} />);
    agree(agreement(el, idle.context));
    const disabled = (id: string) => el.querySelector<HTMLButtonElement>(`[data-command="${id}"]`)!.disabled;
    expect(['draw.delete', 'draw.copy', 'draw.paste', 'edit.undo', 'edit.redo', 'draw.hold'].map(disabled)).toEqual([true, true, true, true, true, true]);
    expect(disabled('draw.tool.pen')).toBe(false);

    const busy = runnerIn({ ...ACTIVE, toolActive: true, selecting: true, drawingSelected: true, canUndo: true, canPaste: true });
    const again = await show(<DrawBar draw={draw()} selected={null} runner={busy.runner} />);
    agree(agreement(again, busy.context));
    expect(['draw.delete', 'draw.copy', 'draw.paste', 'edit.undo', 'edit.redo', 'draw.hold'].map(disabled)).toEqual([false, false, false, false, true, false]);
    // The colour swatches run "Drawing colour…" with their colour.
    const swatch = again.querySelector<HTMLButtonElement>('.fc-swatch')!;
    expect(swatch.disabled).toBe(false);
    swatch.click();
    expect(busy.ran).toEqual([['draw.setColor', PALETTE[0]]]);
  });

  it('a disabled button runs nothing when clicked', async () => {
    const idle = runnerIn({ ...ACTIVE, toolActive: true });
    const el = await show(<DrawBar draw={draw()} selected={null} runner={idle.runner} />);
    el.querySelector<HTMLButtonElement>('[data-command="draw.delete"]')!.click();
    el.querySelector<HTMLButtonElement>('[data-command="edit.undo"]')!.click();
    expect(idle.ran).toEqual([]);
  });
});

const base = { videoId: 'v1', author: { id: 'a1', name: 'Sam' }, createdAt: 1, updatedAt: 1, version: 1, deleted: false, source: { kind: 'local' as const } };
const shape = (tool: 'line' | 'angle'): Shape =>
  tool === 'line' ? { tool, from: { x: 0.1, y: 0.1 }, to: { x: 0.2, y: 0.2 } } : { tool, a: { x: 0.1, y: 0.1 }, vertex: { x: 0.2, y: 0.2 }, b: { x: 0.3, y: 0.1 } };
const drawing = (id: string, time: number, s: Shape, patch: Partial<DrawingAnnotation> = {}): DrawingAnnotation => ({
  ...base, id, kind: 'drawing', time, frame: Math.round(time * 30), shape: s, style: { color: '#3fd0ff', width: 4 },
  timing: { holdSeconds: 1, fadeSeconds: 0.3, endTime: null }, commentId: null, ...patch,
});
const comment = (id: string, time: number): CommentAnnotation =>
  ({ ...base, id, kind: 'comment', time, frame: Math.round(time * 30), text: 'knee', endTime: null, endFrame: null, parentId: null, resolved: false }) as CommentAnnotation;

describe('the timeline’s marks', () => {
  it('a comment’s mark runs "Go to a comment…" with it, a drawing’s "Go to a drawing…"', async () => {
    const { runner, ran } = runnerIn(ACTIVE);
    const el = await show(<TimelineStrip comments={[comment('c1', 2)]} drawings={[drawing('d1', 5, shape('line'))]} duration={10} runner={runner} />);
    el.querySelector<HTMLButtonElement>('[data-comment-id="c1"]')!.click();
    el.querySelector<HTMLButtonElement>('[data-drawing-id="d1"]')!.click();
    expect(ran).toEqual([['comment.goTo', 'c1'], ['draw.goTo', 'd1']]);
  });
});

describe('drawingChoices', () => {
  it('lists the drawings in time order by what they are, their frame and colour; a label’s words are private', () => {
    const rate = { fps: 30, minGap: 1 / 30, variable: false, samples: 60 };
    const choices = drawingChoices(
      [
        drawing('late', 3, shape('angle')),
        drawing('gone', 1, shape('line'), { deleted: true }),
        drawing('label', 2, { tool: 'text', at: { x: 0.5, y: 0.5 }, text: 'hips  high' }),
        drawing('early', 0.5, shape('line'), { style: { color: '#ff4d4d', width: 2 } }),
      ],
      rate,
    );
    expect(choices.map((c) => [c.value, c.label, c.private ?? false])).toEqual([
      ['early', 'Line', false],
      ['label', 'Label “hips high”', true],
      ['late', 'Angle', false],
    ]);
    expect(choices[0]!.detail).toMatch(/^F15 · .+ · Red$/);
    expect(choices[0]!.color).toBe('#ff4d4d');
  });
});
