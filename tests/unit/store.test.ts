import { describe, expect, it, vi } from 'vitest';
import { createStore } from '../../utils/player/store';

interface State {
  n: number;
  s: string;
  o: { x: number } | null;
  maybe?: number;
}

const initial = (): State => ({ n: 1, s: 'a', o: null });

describe('createStore', () => {
  it('get returns the initial value', () => {
    const start = initial();
    expect(createStore(start).get()).toBe(start);
  });

  it('set merges a patch into a new object and leaves the old one alone', () => {
    const store = createStore(initial());
    const before = store.get();
    store.set({ n: 2 });
    expect(store.get()).toEqual({ n: 2, s: 'a', o: null });
    expect(store.get()).not.toBe(before);
    expect(before).toEqual(initial());
  });

  it.each([
    ['an empty patch', {}],
    ['the same number', { n: 1 }],
    ['the same string', { s: 'a' }],
    ['the same null', { o: null }],
    ['several unchanged keys', { n: 1, s: 'a', o: null }],
  ] as [string, Partial<State>][])('%s notifies no one and keeps the same object', (_, patch) => {
    const store = createStore(initial());
    const before = store.get();
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(patch);
    expect(listener).not.toHaveBeenCalled();
    expect(store.get()).toBe(before);
  });

  it.each([
    ['a changed number', 1, { n: 2 }],
    ['one changed key among unchanged', 1, { n: 1, s: 'b' }],
    ['an equal but new object', 1, { o: { x: 1 } }],
    ['a new optional key', 1, { maybe: 3 }],
    ['NaN over a number', 1, { n: NaN }],
    ['-0 over 0', 0, { n: -0 }],
  ] as [string, number, Partial<State>][])('%s notifies once with the new value', (_, n, patch) => {
    const store = createStore<State>({ ...initial(), n });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(patch);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(store.get());
    expect(store.get()).toMatchObject(patch);
  });

  it('NaN over NaN is no change (Object.is)', () => {
    const store = createStore<State>({ ...initial(), n: NaN });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set({ n: NaN });
    expect(listener).not.toHaveBeenCalled();
  });

  it('setting a key to undefined is a change when it had a value', () => {
    const store = createStore<State>({ ...initial(), maybe: 1 });
    const listener = vi.fn();
    store.subscribe(listener);
    store.set({ maybe: undefined });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get().maybe).toBeUndefined();
    store.set({ maybe: undefined });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('notifies every listener, in subscription order, and stops after unsubscribe', () => {
    const store = createStore(initial());
    const order: string[] = [];
    const offA = store.subscribe((v) => order.push(`a${v.n}`));
    store.subscribe((v) => order.push(`b${v.n}`));
    store.set({ n: 2 });
    offA();
    store.set({ n: 3 });
    expect(order).toEqual(['a2', 'b2', 'b3']);
  });

  it('one function subscribed twice is called once; unsubscribing twice is harmless', () => {
    const store = createStore(initial());
    const listener = vi.fn();
    const off1 = store.subscribe(listener);
    store.subscribe(listener);
    store.set({ n: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    off1();
    off1();
    store.set({ n: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a listener may unsubscribe itself while being notified', () => {
    const store = createStore(initial());
    const seen: number[] = [];
    const off = store.subscribe((v) => {
      seen.push(v.n);
      off();
    });
    const other = vi.fn();
    store.subscribe(other);
    store.set({ n: 2 });
    store.set({ n: 3 });
    expect(seen).toEqual([2]);
    expect(other).toHaveBeenCalledTimes(2);
  });

  it('a listener that sets again leaves the store at the latest value', () => {
    const store = createStore(initial());
    store.subscribe((v) => {
      if (v.n < 5) store.set({ n: v.n + 1 });
    });
    store.set({ n: 2 });
    expect(store.get().n).toBe(5);
  });
});
