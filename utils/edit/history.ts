/**
 * One undo/redo history for everything the coach changes on a video (drawings, comment
 * deletions). A step knows how to undo and redo itself; each runs a durable write, and
 * only a step that succeeded moves between the stacks, so a failed undo can be retried.
 * Presses queue: Ctrl+Z three times quickly undoes three steps, one after the other, even
 * when each write takes a while.
 */
import { createStore, type Store } from '../player/store';

export interface HistoryStep {
  /** What the step did, for hints ("Undo: move drawing"). */
  readonly label: string;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
}

export interface HistoryState {
  /** Label of the step Ctrl+Z would undo, or null. */
  readonly undo: string | null;
  readonly redo: string | null;
  readonly busy: boolean;
}

/** What a change did: whether it landed, and the step that undoes it (none for a no-op). */
export interface Performed {
  readonly ok: boolean;
  readonly step?: HistoryStep;
}

export interface History {
  readonly state: Store<HistoryState>;
  /**
   * Does a change in turn with undo and redo presses (so Ctrl+Z pressed while it saves
   * undoes it, not the step before) and records its step when it lands; clears redo.
   */
  perform(change: () => Promise<Performed>): Promise<boolean>;
  /** Records a step that was just done; clears redo. */
  push(step: HistoryStep): void;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  clear(): void;
}

export function createHistory(limit = 200): History {
  const done: HistoryStep[] = [];
  const undone: HistoryStep[] = [];
  const state = createStore<HistoryState>({ undo: null, redo: null, busy: false });
  const publish = (busy = false) =>
    state.set({ undo: done[done.length - 1]?.label ?? null, redo: undone[undone.length - 1]?.label ?? null, busy });

  /** Runs the top of `from` in `direction`; on success it moves to `to`. */
  async function run(from: HistoryStep[], to: HistoryStep[], direction: 'undo' | 'redo'): Promise<boolean> {
    const step = from[from.length - 1];
    if (!step) return false;
    publish(true);
    let ok = false;
    try {
      ok = await step[direction]();
    } finally {
      if (ok && from[from.length - 1] === step) {
        from.pop();
        to.push(step);
      }
      publish(queued > 1);
    }
    return ok;
  }

  /** Changes and presses wait for the one before (each is a write that takes a moment). */
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    queued++;
    const next = tail.then(task).finally(() => queued--);
    tail = next.catch(() => undefined);
    return next;
  }

  /** Bumped by clear(): a change that lands after it belongs to what was cleared. */
  let generation = 0;
  function push(step: HistoryStep) {
    done.push(step);
    if (done.length > limit) done.shift();
    undone.length = 0;
    publish(state.get().busy);
  }

  return {
    state,
    perform(change) {
      const at = generation;
      return enqueue(async () => {
        const { ok, step } = await change();
        if (ok && step && at === generation) push(step);
        return ok;
      });
    },
    push,
    undo: () => enqueue(() => run(done, undone, 'undo')),
    redo: () => enqueue(() => run(undone, done, 'redo')),
    clear() {
      generation++;
      done.length = 0;
      undone.length = 0;
      publish();
    },
  };
}
