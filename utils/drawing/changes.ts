/**
 * Changes to drawings as undoable, durable steps: each change is written through the video's
 * annotations (shown at once, confirmed by the database, put back on failure) in turn with
 * undo presses, and records a step that restores exactly the fields it changed.
 */
import type { History, Performed } from '../edit/history';
import { mutate } from '../model/mutate';
import type { DrawingAnnotation } from '../model/types';
import type { VideoAnnotations, Written } from '../annotations/video-annotations';

/** The fields a step changes (identity, author and bookkeeping are never undone). */
const CONTENT = ['shape', 'style', 'timing', 'commentId', 'deleted', 'time', 'frame'] as const;
type Content = Pick<DrawingAnnotation, (typeof CONTENT)[number]>;
const fieldsOf = (d: Content, keys: readonly (keyof Content)[]): Partial<Content> =>
  Object.fromEntries(keys.map((k) => [k, d[k]])) as Partial<Content>;

export type Build = (current: DrawingAnnotation | null) => DrawingAnnotation | null;

export interface DrawingChanges {
  /**
   * Writes what `build` makes of drawing `id` as it is when its turn comes (after any undo
   * or change pressed before), or a new drawing when `id` is null. A change refused because
   * another tab saved a newer version is built again on that version, once.
   */
  change(label: string, id: string | null, build: Build): Promise<boolean>;
}

export function drawingChanges(
  annotations: VideoAnnotations,
  history: History,
  /** Tells the coach why a change did not land (null: it did). */
  report: (error: string | null) => void,
): DrawingChanges {
  const find = (id: string | null): DrawingAnnotation | null => {
    const found = annotations.find(id);
    return found?.kind === 'drawing' ? found : null;
  };
  const shown = (d: DrawingAnnotation) => annotations.state.get().videoId === d.videoId;

  /** Saves one record, shown at once; says why when it does not land (on the video shown). */
  async function write(record: DrawingAnnotation): Promise<Written> {
    const { result, error } = await annotations.save(record);
    if (!shown(record)) return result;
    if (result === 'failed') report(`The drawing was not saved: ${error}`);
    else if (result === 'refused') report(error ?? 'This drawing is not yours to change.');
    else report(null);
    return result;
  }

  function change(label: string, id: string | null, build: Build): Promise<boolean> {
    // Whatever goes wrong (a browser without an API we use), the coach is told, never left guessing.
    const failed = (error: unknown) => {
      report(`The drawing was not saved: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false };
    };
    return history.perform(() => attempt(label, id, build).catch(failed));
  }

  async function attempt(label: string, id: string | null, build: Build): Promise<Performed> {
    let before = id ? find(id) : null;
    if (id && !before) return { ok: false };
    let next = build(before);
    if (!next || next === before) return { ok: true };
    let result = await write(next);
    if (result === 'stale' && id) {
      before = find(id);
      next = before && build(before);
      result = next && next !== before ? await write(next) : 'stale';
    }
    if (result === 'stale') report('This drawing was changed elsewhere (another tab) meanwhile: look again and redo your change.');
    if (result !== 'ok' || !next) return { ok: false };
    // Saved for a video no longer shown (finished as the page moved on): nothing to undo here.
    if (!shown(next)) return { ok: true };
    const keys = CONTENT.filter((k) => !before || !Object.is(before[k], next![k]));
    const target = next.id;
    const restore = (fields: Partial<Content>) => async () => {
      const current = find(target);
      if (!current) return false;
      const again = mutate(current, fields);
      if (again === current) return true;
      const r = await write(again);
      if (r !== 'stale') return r === 'ok';
      const latest = find(target);
      return latest ? (await write(mutate(latest, fields))) === 'ok' : false;
    };
    return {
      ok: true,
      step: { label, undo: restore(before ? fieldsOf(before, keys) : { deleted: true }), redo: restore(before ? fieldsOf(next, keys) : { deleted: false }) },
    };
  }

  return { change };
}
