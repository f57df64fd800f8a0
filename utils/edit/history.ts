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

export interface History {
  readonly state: Store<HistoryState>;
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

  /** Presses wait for the one before (each step is a write that takes a moment). */
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  function enqueue(from: HistoryStep[], to: HistoryStep[], direction: 'undo' | 'redo'): Promise<boolean> {
    queued++;
    const next = tail.then(() => run(from, to, direction)).finally(() => queued--);
    tail = next.catch(() => undefined);
    return next;
  }

  return {
    state,
    push(step) {
      done.push(step);
      if (done.length > limit) done.shift();
      undone.length = 0;
      publish(state.get().busy);
    },
    undo: () => enqueue(done, undone, 'undo'),
    redo: () => enqueue(undone, done, 'redo'),
    clear() {
      done.length = 0;
      undone.length = 0;
      publish();
    },
  };
}
