import { describe, expect, it } from 'vitest';
import { fillFrames, withFrames } from '../../utils/annotations/fill-frames';
import { placeLabel } from '../../utils/comments/place-label';
import type { FrameRate } from '../../utils/frames/rate';
import type { Call } from '../../utils/messaging/client';
import { newComment, newDrawing } from '../../utils/model/create';
import type { Annotation } from '../../utils/model/types';
import { createStore } from '../../utils/player/store';
import { pickWinner } from '../../utils/model/merge';
import { loadedAnnotations, p, settle } from './drawing-fixtures';

const me = { id: 'coach', name: 'Coach' };
const athlete = { id: 'athlete', name: 'Ana' };
const cfr30: FrameRate = { fps: 30, minGap: 1 / 30, variable: false, samples: 60 };
const vfrEstimate: FrameRate = { fps: 24, minGap: 1 / 60, variable: true, samples: 60 };
const vfrTable: FrameRate = { ...vfrEstimate, frames: [0, 0.02, 0.05, 0.1, 0.12, 0.2] };
// Frame 40 of a 30 fps clip starts at 1.3333 s; the frame on screen is reported at its start.
const drawing = newDrawing({ videoId: 'v', time: 40 / 30, frame: null, author: me, shape: { tool: 'line', from: p(0.1, 0.1), to: p(0.5, 0.5) }, now: 1 });

describe('withFrames', () => {
  it('numbers a record made before the rate was known, as an edit (version up)', () => {
    const filled = withFrames(drawing, cfr30, 5);
    expect(filled.frame).toBe(40);
    expect(filled.version).toBe(drawing.version + 1);
    expect(filled.updatedAt).toBe(5);
  });

  it('numbers a range comment at both ends and keeps a number already given', () => {
    const range = newComment({ videoId: 'v', time: 1, frame: 30, endTime: 2.5, endFrame: null, text: 'x', author: me });
    const filled = withFrames(range, cfr30);
    expect([filled.frame, filled.endFrame]).toEqual([30, 75]);
    const numbered = newComment({ videoId: 'v', time: 1, frame: 29, text: 'x', author: me });
    expect(withFrames(numbered, cfr30)).toBe(numbered);
  });

  it('numbers the stopwatch marks that lack one', () => {
    const sw = newDrawing({
      videoId: 'v',
      time: 10 / 30,
      frame: 10,
      author: me,
      shape: { tool: 'stopwatch', at: p(0.5, 0.5), marks: [{ time: 10 / 30, frame: 10 }, { time: 25 / 30, frame: null }, { time: 40 / 30, frame: null }] },
    });
    const filled = withFrames(sw, cfr30);
    expect(filled.shape.tool === 'stopwatch' && filled.shape.marks.map((m) => m.frame)).toEqual([10, 25, 40]);
  });

  it('leaves records alone where numbers would be estimates, and tombstones', () => {
    expect(withFrames(drawing, null)).toBe(drawing);
    expect(withFrames(drawing, vfrEstimate)).toBe(drawing);
    expect(withFrames({ ...drawing, deleted: true }, cfr30).frame).toBeNull();
    // The file's own table makes numbers exact on a variable rate.
    expect(withFrames({ ...drawing, time: 0.1 }, vfrTable).frame).toBe(3);
  });
});

describe('placeLabel', () => {
  it("says the frame of a record whose author did not know the rate, once it is known here", () => {
    const c = { time: 40 / 30, frame: null, endTime: null, endFrame: null };
    expect(placeLabel(c, null)).toBe('0:01.333');
    expect(placeLabel(c, cfr30)).toMatch(/^F40 · /);
    expect(placeLabel(c, vfrEstimate)).toBe('0:01.333');
  });
});

/** A background that stores what it is given, as the database would. */
function fakeBackground(log: Annotation[], fail = false): Call {
  return (async (type: string, args: { annotation: Annotation }) => {
    if (type !== 'annotation.save') throw new Error(`unexpected ${type}`);
    log.push(args.annotation);
    if (fail) throw new Error('disk full');
    return { stored: args.annotation, accepted: true };
  }) as unknown as Call;
}

describe('fillFrames', () => {
  const others = newDrawing({ videoId: 'v', time: 20 / 30, frame: null, author: athlete, shape: { tool: 'line', from: p(0, 0), to: p(1, 1) } });

  it("saves the coach's own records with their numbers when the rate arrives, not others'", async () => {
    const saved: Annotation[] = [];
    const annotations = loadedAnnotations(fakeBackground(saved), me, 'v', [drawing, others]);
    const session = createStore<{ rate: FrameRate | null }>({ rate: null });
    const off = fillFrames(session, annotations);
    await settle();
    expect(saved).toEqual([]);
    session.set({ rate: cfr30 });
    await settle();
    expect(saved.map((a) => [a.id, a.frame])).toEqual([[drawing.id, 40]]);
    expect(annotations.find(drawing.id)?.frame).toBe(40);
    expect(annotations.find(others.id)?.frame).toBeNull();
    // Records that arrive later (another tab's, a late save) are numbered too.
    const late = newComment({ videoId: 'v', time: 1, frame: null, text: 'late', author: me });
    annotations.take('v', [late], false);
    await settle();
    expect(annotations.find(late.id)?.frame).toBe(30);
    off();
  });

  it('waits for the settings to say who the coach is', async () => {
    const saved: Annotation[] = [];
    const annotations = loadedAnnotations(fakeBackground(saved), me, 'v', [drawing]);
    annotations.state.set({ me: null });
    const off = fillFrames(createStore({ rate: cfr30 as FrameRate | null }), annotations);
    await settle();
    expect(saved).toEqual([]);
    annotations.setMe(me);
    await settle();
    expect(saved.map((a) => a.frame)).toEqual([40]);
    off();
  });

  it("waits for the coach's own save of a record on its way, so that save is not refused as stale (Firefox under load: \"changed elsewhere\" for a drawing just made)", async () => {
    // The database keeps the winner by version; the first save is slow, later ones are not
    // (the background handles messages side by side: a later one can land first).
    const stored = new Map<string, Annotation>();
    const saved: Annotation[] = [];
    let release = () => {};
    const call = (async (_type: string, { annotation }: { annotation: Annotation }) => {
      if (saved.push(annotation) === 1) await new Promise<void>((done) => (release = done));
      const before = stored.get(annotation.id);
      const winner = before ? pickWinner(annotation, before) : annotation;
      stored.set(annotation.id, winner);
      return { stored: winner, accepted: winner === annotation };
    }) as unknown as Call;
    const annotations = loadedAnnotations(call, me, 'v', []);
    const off = fillFrames(createStore({ rate: cfr30 as FrameRate | null }), annotations);
    // A drawing made before the rate was exact: shown at once, its save on its way.
    const made = annotations.save(drawing);
    await settle();
    expect(saved.map((a) => a.version)).toEqual([drawing.version]);
    release();
    expect((await made).result).toBe('ok');
    await settle();
    // Numbered after it landed, as an edit of it.
    expect(saved.map((a) => [a.version, a.frame])).toEqual([[drawing.version, null], [drawing.version + 1, 40]]);
    expect(stored.get(drawing.id)?.frame).toBe(40);
    expect(annotations.find(drawing.id)?.frame).toBe(40);
    off();
  });

  it('tries a failed save once per version, with no loop, and keeps the record as it was', async () => {
    const saved: Annotation[] = [];
    const annotations = loadedAnnotations(fakeBackground(saved, true), me, 'v', [drawing]);
    const session = createStore<{ rate: FrameRate | null }>({ rate: cfr30 });
    const off = fillFrames(session, annotations);
    await settle();
    session.set({ rate: { ...cfr30, samples: 90 } });
    await settle();
    expect(saved.length).toBe(1);
    expect(annotations.find(drawing.id)).toEqual(drawing);
    off();
  });
});
