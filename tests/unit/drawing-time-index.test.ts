import { describe, expect, it } from 'vitest';
import { buildTimeIndex, type QueryOptions, type Timed } from '../../utils/drawing/time-index';

const FRAME = 1 / 30;
const paused: QueryOptions = { paused: true, frameTolerance: FRAME / 2 };
const playing: QueryOptions = { paused: false, frameTolerance: FRAME / 2 };

const held = (id: string, time: number, holdSeconds = 1, fadeSeconds = 1): Timed => ({
  id,
  time,
  timing: { holdSeconds, fadeSeconds, endTime: null },
});
const ranged = (id: string, time: number, endTime: number): Timed => ({
  id,
  time,
  timing: { holdSeconds: 1, fadeSeconds: 1, endTime },
});

/** What the index should answer, by scanning everything. */
function reference(items: readonly Timed[], time: number, opts: QueryOptions): { id: string; opacity: number }[] {
  const out: { id: string; opacity: number; time: number; order: number }[] = [];
  items.forEach((item, order) => {
    const { holdSeconds, fadeSeconds, endTime } = item.timing;
    let opacity = 0;
    if (endTime !== null) {
      const inRange = time >= item.time && time <= endTime;
      opacity = inRange || (opts.paused && Math.abs(item.time - time) < opts.frameTolerance) ? 1 : 0;
    } else if (opts.paused) {
      opacity = Math.abs(item.time - time) < opts.frameTolerance ? 1 : 0;
    } else if (time >= item.time && time <= item.time + holdSeconds) {
      opacity = 1;
    } else if (time > item.time + holdSeconds && time <= item.time + holdSeconds + fadeSeconds) {
      opacity = (item.time + holdSeconds + fadeSeconds - time) / fadeSeconds;
    }
    if (opacity > 0) out.push({ id: item.id, opacity, time: item.time, order });
  });
  out.sort((a, b) => a.time - b.time || a.order - b.order);
  return out.map(({ id, opacity }) => ({ id, opacity }));
}

const ids = (items: readonly Timed[], time: number, opts: QueryOptions) =>
  buildTimeIndex(items)
    .at(time, opts)
    .map((v) => ({ id: v.item.id, opacity: v.opacity }));

describe('buildTimeIndex', () => {
  const a = held('a', 10); // held 10..11, fading 11..12
  const r = ranged('r', 20, 25);

  it.each<[string, Timed[], number, QueryOptions, { id: string; opacity: number }[]]>([
    ['paused on its frame', [a], 10, paused, [{ id: 'a', opacity: 1 }]],
    ['paused, a hair off its frame', [a], 10 + FRAME / 4, paused, [{ id: 'a', opacity: 1 }]],
    ['paused one frame later', [a], 10 + FRAME, paused, []],
    ['paused one frame earlier', [a], 10 - FRAME, paused, []],
    ['paused inside its hold: not shown (only its frame)', [a], 10.5, paused, []],
    ['playing, at its start', [a], 10, playing, [{ id: 'a', opacity: 1 }]],
    ['playing, just before it', [a], 9.99, playing, []],
    ['playing, in its hold', [a], 10.5, playing, [{ id: 'a', opacity: 1 }]],
    ['playing, at the end of its hold', [a], 11, playing, [{ id: 'a', opacity: 1 }]],
    ['playing, mid-fade', [a], 11.5, playing, [{ id: 'a', opacity: 0.5 }]],
    ['playing, a quarter into the fade', [a], 11.25, playing, [{ id: 'a', opacity: 0.75 }]],
    ['playing, at the end of the fade (opacity 0: left out)', [a], 12, playing, []],
    ['playing, after the fade', [a], 12.5, playing, []],
    ['no fade: gone right after the hold', [held('h', 0, 2, 0)], 2.01, playing, []],
    ['no hold: fading from the start', [held('f', 0, 0, 2)], 1, playing, [{ id: 'f', opacity: 0.5 }]],
    ['range, playing, inside', [r], 22, playing, [{ id: 'r', opacity: 1 }]],
    ['range, playing, on its last frame', [r], 25, playing, [{ id: 'r', opacity: 1 }]],
    ['range, playing, after it (no fade)', [r], 25.01, playing, []],
    ['range, paused, inside', [r], 24, paused, [{ id: 'r', opacity: 1 }]],
    ['range, paused, just before its first frame', [r], 20 - FRAME / 4, paused, [{ id: 'r', opacity: 1 }]],
    ['range, paused, before it', [r], 19, paused, []],
    ['range ending before it starts: its own frame only', [ranged('x', 5, 4)], 5, playing, [{ id: 'x', opacity: 1 }]],
    [
      'several, in start order whatever the input order',
      [held('late', 2.5), held('early', 1), held('mid', 2)],
      2.5,
      playing,
      [
        { id: 'early', opacity: 0.5 },
        { id: 'mid', opacity: 1 },
        { id: 'late', opacity: 1 },
      ],
    ],
    [
      'equal times keep input order',
      [held('second', 1), held('first', 1)].reverse(),
      1,
      paused,
      [
        { id: 'first', opacity: 1 },
        { id: 'second', opacity: 1 },
      ],
    ],
    ['a long range does not hide short drawings', [ranged('long', 0, 1000), held('s', 500)], 500.5, playing, [
      { id: 'long', opacity: 1 },
      { id: 's', opacity: 1 },
    ]],
    ['nothing indexed', [], 3, playing, []],
  ])('%s', (_name, items, time, opts, expected) => {
    const got = ids(items, time, opts);
    expect(got.map((v) => v.id)).toEqual(expected.map((v) => v.id));
    got.forEach((v, i) => expect(v.opacity).toBeCloseTo(expected[i]!.opacity, 9));
  });

  it('ignores bad numbers safely', () => {
    const index = buildTimeIndex([
      held('nan-time', NaN),
      { id: 'neg', time: 1, timing: { holdSeconds: -5, fadeSeconds: NaN, endTime: null } },
    ]);
    expect(index.size()).toBe(1);
    expect(index.at(NaN, playing)).toEqual([]);
    expect(index.at(1, playing).map((v) => v.item.id)).toEqual(['neg']);
    expect(index.at(1.01, playing)).toEqual([]);
  });

  it('returns the items it was given', () => {
    const item = { ...held('a', 1), extra: 'kept' };
    const [visible] = buildTimeIndex([item]).at(1, paused);
    expect(visible?.item).toBe(item);
  });
});

describe('buildTimeIndex with many items', () => {
  // Deterministic pseudo-random drawings over a 2-hour video.
  let seed = 12345;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const items: Timed[] = [];
  for (let i = 0; i < 100_000; i++) {
    const time = Math.round(rand() * 7200 * 30) / 30;
    items.push(
      i % 500 === 0
        ? ranged(`r${i}`, time, time + rand() * 20)
        : held(`h${i}`, time, Math.round(rand() * 3), Math.round(rand() * 2)),
    );
  }
  // One range across most of the video must not make every query scan everything.
  items.push(ranged('whole', 1, 7000));
  let examined = 0;
  const index = buildTimeIndex(items, { onScan: (n) => (examined = n) });
  const times = Array.from({ length: 150 }, () => Math.round(rand() * 7300 * 30) / 30 - 50);
  times.push(0, 1, 7000, 7200, -1, 1e9);

  it('indexes every item', () => {
    expect(index.size()).toBe(items.length);
  });

  it.each([
    ['playing', playing],
    ['paused', paused],
  ])('answers like a full scan (%s)', (_name, opts) => {
    for (const time of times) {
      const got = index.at(time, opts).map((v) => ({ id: v.item.id, opacity: v.opacity }));
      const want = reference(items, time, opts);
      expect(got.map((v) => v.id)).toEqual(want.map((v) => v.id));
      got.forEach((v, i) => expect(v.opacity).toBeCloseTo(want[i]!.opacity, 9));
    }
  });

  it('looks only at items near the query time', () => {
    // ~14 drawings start per second; windows are at most 5 s (ranges 20 s, in their own bucket).
    let worst = 0;
    for (const time of times) {
      index.at(time, playing);
      worst = Math.max(worst, examined);
      index.at(time, paused);
      worst = Math.max(worst, examined);
    }
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(500); // a full scan would be 100,001
  });
});
