/**
 * The Select tool's pointer: a press picks the drawing under it (or a handle of the selected
 * one), a drag shows it moved or reshaped without saving, the release saves the change from
 * the drawing as it is when the save's turn comes. Someone else's drawing can be selected
 * (and copied), never moved: the first drag says so.
 */
import { mutate } from '../model/mutate';
import type { DrawingAnnotation, NormPoint } from '../model/types';
import type { KeyLabel } from '../commands/keys';
import type { Store } from '../player/store';
import type { Build } from './changes';
import { handleAt, movePoint, pickAt, translate } from './edit';
import type { DrawState } from './feature';
import { MIN_DRAG, type PointerInput } from './tools';

interface Grab {
  original: DrawingAnnotation;
  /** A handle (point index), or null to move the whole drawing. */
  handle: number | null;
  start: NormPoint;
  size: { width: number; height: number };
  moved: boolean;
  /** Someone else's drawing: it can be selected and copied, not moved or reshaped. */
  readOnly: boolean;
}

export interface SelectDeps {
  state: Store<DrawState>;
  selected(): DrawingAnnotation | null;
  onScreen(): DrawingAnnotation[];
  canEdit(d: DrawingAnnotation): boolean;
  change(label: string, id: string, build: Build): Promise<boolean>;
  /** The key that copies a drawing, as bound now. */
  key: KeyLabel;
}

export interface SelectDrag {
  pointer(input: PointerInput): void;
  /** Drops the gesture in progress (the pointer was taken away, the video changed). */
  cancel(): void;
}

export function selectDrag({ state, selected, onScreen, canEdit, change, key }: SelectDeps): SelectDrag {
  let grab: Grab | null = null;
  return {
    cancel: () => void (grab = null),
    pointer(input) {
      const size = input.size ?? { width: 640, height: 360 };
      const p = input.point;
      if (input.type === 'down') {
        const current = selected();
        const handle = current ? handleAt(current.shape, p, size) : null;
        const target = handle !== null ? current : pickAt(onScreen(), p, size);
        state.set({ selectedId: target?.id ?? null, editing: null });
        grab = target ? { original: target, handle, start: p, size, moved: false, readOnly: !canEdit(target) } : null;
        return;
      }
      if (!grab) return;
      const grab0 = grab;
      const { original, handle, start } = grab;
      const wasMoved = grab.moved;
      grab.moved ||= Math.hypot(p.x - start.x, p.y - start.y) >= MIN_DRAG;
      if (grab.readOnly) {
        // Said once, when the drag starts; the drawing stays where its author put it.
        if (grab.moved && !wasMoved) state.set({ error: `${original.author.name || 'Someone else'} drew this: you can copy it (${key('draw.copy')}), not move or reshape it.` });
        if (input.type === 'up') grab = null;
        return;
      }
      const shape = grab.moved
        ? handle === null
          ? translate(original.shape, p.x - start.x, p.y - start.y)
          : movePoint(original.shape, handle, p, grab.size)
        : original.shape;
      if (input.type === 'move') {
        state.set({ editing: { ...original, shape } });
        return;
      }
      grab = null;
      state.set({ editing: null });
      if (shape === original.shape) return;
      // Moved by the drag's offset from the drawing as it is when the save's turn comes.
      const dx = p.x - start.x, dy = p.y - start.y;
      void change(handle === null ? 'move drawing' : 'reshape drawing', original.id, (d) =>
        d && mutate(d, { shape: handle === null ? translate(d.shape, dx, dy) : movePoint(d.shape, handle, p, grab0.size) }),
      );
    },
  };
}
