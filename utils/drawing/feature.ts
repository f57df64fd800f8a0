/**
 * Drawings on the attached video: the active tool, the shape being drawn, and the video's
 * drawings (loaded with its comments, kept in step with other tabs, saved through the
 * background like comments). Page side; the canvas component renders what this holds.
 */
import type { Call } from '../messaging/client';
import { pickWinner } from '../model/merge';
import { newDrawing } from '../model/create';
import type { Annotation, Author, DrawingAnnotation, Shape, Tool } from '../model/types';
import type { PlayerSession } from '../player/session';
import { createStore, type Store } from '../player/store';
import { startTool, toolStep, type PointerInput, type ToolState } from './tools';

export interface DrawState {
  videoId: string | null;
  drawings: readonly DrawingAnnotation[];
  tool: ToolState | null;
  preview: Shape | null;
  error: string | null;
}

export interface DrawingFeature {
  readonly state: Store<DrawState>;
  /** All annotations of the video (drawings are picked out); `replace` for a fresh load. */
  take(videoId: string, annotations: readonly Annotation[], replace: boolean): void;
  setTool(tool: Tool | null): void;
  pointer(input: PointerInput): void;
}

const drawingsOf = (list: readonly Annotation[]) => list.filter((a): a is DrawingAnnotation => a.kind === 'drawing');

export function attachDrawings(session: PlayerSession, call: Call, author: () => Author): DrawingFeature {
  const state = createStore<DrawState>({ videoId: null, drawings: [], tool: null, preview: null, error: null });

  function take(videoId: string, annotations: readonly Annotation[], replace: boolean) {
    const current = replace || state.get().videoId !== videoId ? [] : state.get().drawings;
    const byId = new Map(current.map((d) => [d.id, d]));
    for (const d of drawingsOf(annotations)) {
      if (d.videoId !== videoId) continue;
      const known = byId.get(d.id);
      byId.set(d.id, known ? pickWinner(known, d) : d);
    }
    state.set({ videoId, drawings: [...byId.values()] });
  }

  async function finish(shape: Shape) {
    const videoId = state.get().videoId;
    const at = await session.hold();
    if (!videoId || !at) {
      state.set({ error: 'No frame is shown yet: wait for the video to load, then draw.' });
      return;
    }
    const drawing = newDrawing({ videoId, time: at.time, frame: at.frame, shape, author: author() });
    take(videoId, [drawing], false);
    try {
      const { stored } = await call('annotation.save', { annotation: drawing });
      take(videoId, [stored], false);
      state.set({ error: null });
    } catch (error) {
      // Not saved: take it off the picture and say why.
      state.set({
        drawings: state.get().drawings.filter((d) => d.id !== drawing.id),
        error: `The drawing was not saved: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  return {
    state,
    take,
    setTool(tool) {
      state.set({ tool: tool ? startTool(tool) : null, preview: null });
      if (tool) void session.hold();
    },
    pointer(input) {
      const tool = state.get().tool;
      if (!tool) return;
      const step = toolStep(tool, input);
      state.set({ tool: step.state, preview: step.preview });
      if (step.done && step.done.tool !== 'text') void finish(step.done);
    },
  };
}
