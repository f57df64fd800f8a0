import { describe, expect, it } from 'vitest';
import { createHistory, type HistoryStep } from '../../utils/edit/history';

/** A step that records what ran into `log`; its answers can be changed later. */
function step(label: string, log: string[], answer: { undo?: boolean; redo?: boolean } = {}) {
  const s = {
    label,
    answer: { undo: true, redo: true, ...answer },
    async undo() {
      log.push(`undo ${label}`);
      return s.answer.undo;
    },
    async redo() {
      log.push(`redo ${label}`);
      return s.answer.redo;
    },
  };
  return s;
}

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createHistory', () => {
  it('starts empty: nothing to undo or redo', async () => {
    const history = createHistory();
    expect(history.state.get()).toEqual({ undo: null, redo: null, busy: false });
    expect(await history.undo()).toBe(false);
    expect(await history.redo()).toBe(false);
  });

  it('undoes the newest step first and redoes in the order undone', async () => {
    const log: string[] = [];
    const history = createHistory();
    history.push(step('draw line', log));
    history.push(step('move drawing', log));
    expect(history.state.get()).toEqual({ undo: 'move drawing', redo: null, busy: false });

    expect(await history.undo()).toBe(true);
    expect(history.state.get()).toEqual({ undo: 'draw line', redo: 'move drawing', busy: false });
    expect(await history.undo()).toBe(true);
    expect(history.state.get()).toEqual({ undo: null, redo: 'draw line', busy: false });
    expect(await history.undo()).toBe(false);

    expect(await history.redo()).toBe(true);
    expect(history.state.get()).toEqual({ undo: 'draw line', redo: 'move drawing', busy: false });
    expect(await history.redo()).toBe(true);
    expect(history.state.get()).toEqual({ undo: 'move drawing', redo: null, busy: false });
    expect(await history.redo()).toBe(false);

    expect(log).toEqual(['undo move drawing', 'undo draw line', 'redo draw line', 'redo move drawing']);
  });

  it('a new step clears what could be redone', async () => {
    const log: string[] = [];
    const history = createHistory();
    history.push(step('a', log));
    history.push(step('b', log));
    await history.undo();
    expect(history.state.get().redo).toBe('b');
    history.push(step('c', log));
    expect(history.state.get()).toEqual({ undo: 'c', redo: null, busy: false });
    expect(await history.redo()).toBe(false);
    await history.undo();
    await history.undo();
    expect(log).toEqual(['undo b', 'undo c', 'undo a']);
  });

  it('a failed undo stays on the undo stack, so it can be tried again', async () => {
    const log: string[] = [];
    const history = createHistory();
    const s = step('delete drawing', log, { undo: false });
    history.push(s);
    expect(await history.undo()).toBe(false);
    expect(history.state.get()).toEqual({ undo: 'delete drawing', redo: null, busy: false });
    s.answer.undo = true;
    expect(await history.undo()).toBe(true);
    expect(history.state.get()).toEqual({ undo: null, redo: 'delete drawing', busy: false });
    expect(log).toEqual(['undo delete drawing', 'undo delete drawing']);
  });

  it('a failed redo stays on the redo stack', async () => {
    const history = createHistory();
    history.push(step('recolor drawing', [], { redo: false }));
    await history.undo();
    expect(await history.redo()).toBe(false);
    expect(history.state.get()).toEqual({ undo: null, redo: 'recolor drawing', busy: false });
  });

  it('a step that throws: the error reaches the caller, the stacks stay, busy clears', async () => {
    const history = createHistory();
    const boom: HistoryStep = {
      label: 'move drawing',
      undo: async () => {
        throw new Error('disk full');
      },
      redo: async () => true,
    };
    history.push(step('draw line', []));
    history.push(boom);
    await expect(history.undo()).rejects.toThrow('disk full');
    expect(history.state.get()).toEqual({ undo: 'move drawing', redo: null, busy: false });
    // Not stuck: the history still works.
    await expect(history.undo()).rejects.toThrow('disk full');
    expect(history.state.get().busy).toBe(false);
  });

  it('keeps at most `limit` steps, dropping the oldest', async () => {
    const log: string[] = [];
    const history = createHistory(2);
    history.push(step('one', log));
    history.push(step('two', log));
    history.push(step('three', log));
    expect(await history.undo()).toBe(true);
    expect(await history.undo()).toBe(true);
    expect(await history.undo()).toBe(false);
    expect(log).toEqual(['undo three', 'undo two']);
    expect(history.state.get()).toEqual({ undo: null, redo: 'two', busy: false });
  });

  it('presses queue: a second undo while the first is saving runs after it, in order', async () => {
    const log: string[] = [];
    const history = createHistory();
    const gate = deferred<boolean>();
    history.push(step('a', log));
    history.push({ label: 'b', undo: () => (log.push('undo b'), gate.promise), redo: async () => (log.push('redo b'), true) });

    const first = history.undo();
    const second = history.undo();
    const third = history.redo();
    await Promise.resolve();
    expect(history.state.get().busy).toBe(true);
    expect(log).toEqual(['undo b']); // the others wait for b's write

    gate.resolve(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(await third).toBe(true);
    expect(log).toEqual(['undo b', 'undo a', 'redo a']);
    expect(history.state.get()).toEqual({ undo: 'a', redo: 'b', busy: false });
  });

  it('a queued press finds nothing left to do: false, and the queue goes on', async () => {
    const log: string[] = [];
    const history = createHistory();
    history.push(step('a', log));
    const results = await Promise.all([history.undo(), history.undo(), history.redo()]);
    expect(results).toEqual([true, false, true]);
    expect(log).toEqual(['undo a', 'redo a']);
  });

  it('a step that throws does not stop the presses queued after it', async () => {
    const log: string[] = [];
    const history = createHistory();
    history.push(step('a', log));
    let failures = 1;
    const flaky = {
      label: 'flaky',
      async undo() {
        if (failures-- > 0) throw new Error('disk full');
        log.push('undo flaky');
        return true;
      },
      redo: async () => true,
    };
    history.push(flaky);
    const failed = history.undo();
    const next = history.undo();
    await expect(failed).rejects.toThrow('disk full');
    // The queued press ran after the failure: the step was still on top, and now it works.
    expect(await next).toBe(true);
    expect(log).toEqual(['undo flaky']);
    expect(history.state.get()).toEqual({ undo: 'a', redo: 'flaky', busy: false });
  });

  it('busy is published while a step runs', async () => {
    const history = createHistory();
    const gate = deferred<boolean>();
    const seen: boolean[] = [];
    history.state.subscribe((s) => seen.push(s.busy));
    history.push({ label: 'x', undo: () => gate.promise, redo: async () => true });
    const pending = history.undo();
    gate.resolve(true);
    await pending;
    expect(seen).toEqual([false, true, false]);
  });

  it('clear() forgets both stacks', async () => {
    const log: string[] = [];
    const history = createHistory();
    history.push(step('a', log));
    history.push(step('b', log));
    await history.undo();
    history.clear();
    expect(history.state.get()).toEqual({ undo: null, redo: null, busy: false });
    expect(await history.undo()).toBe(false);
    expect(await history.redo()).toBe(false);
    expect(log).toEqual(['undo b']);
  });
});
