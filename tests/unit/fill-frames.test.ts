import { describe, expect, it } from 'vitest';
import { fillFrames, numberMarks, withFrames, type RateState } from '../../utils/annotations/fill-frames';
import { stopwatchLines } from '../../utils/drawing/stopwatch';
import { placeLabel } from '../../utils/comments/place-label';
import { pinToFrame, type FrameRate } from '../../utils/frames/rate';
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

  // Firefox, before the rate is known, knows only where the page's seek put the video: frame
  // 40's middle (1.35 s). Marked there and at frame 46's start, the stopwatch read 183 ms.
  it("puts a time known only as a position inside its frame at the frame's start, as it numbers it", () => {
    const atMiddle = withFrames({ ...drawing, time: 40.5 / 30 }, cfr30);
    expect([atMiddle.time, atMiddle.frame]).toEqual([40 / 30, 40]);
    const sw = newDrawing({
      videoId: 'v',
      time: 40.5 / 30,
      frame: null,
      author: me,
      shape: { tool: 'stopwatch', at: p(0.5, 0.5), marks: [{ time: 40.5 / 30, frame: null }, { time: 46 / 30, frame: 46 }] },
      timing: { holdSeconds: 1, fadeSeconds: 0, endTime: 46 / 30 },
    });
    const filled = withFrames(sw, cfr30);
    expect(filled.shape.tool === 'stopwatch' && stopwatchLines(filled.shape.marks)).toEqual(['200 ms · 6 frames']);
    expect([filled.time, filled.frame, filled.timing.endTime]).toEqual([40 / 30, 40, 46 / 30]);
    // A range comment's end too.
    const range = withFrames(newComment({ videoId: 'v', time: 1, frame: 30, endTime: 75.5 / 30, endFrame: null, text: 'x', author: me }), cfr30);
    expect([range.endTime, range.endFrame]).toEqual([75 / 30, 75]);
  });

  it("keeps a frame's own start on a clock with jitter, and takes the table's start where there is one", () => {
    const phone: FrameRate = { ...cfr30, jitter: 0.004 };
    // Frame 40's own timestamp, 3 ms past the clock's: still its start.
    expect(pinToFrame(40 / 30 + 0.003, phone)).toEqual({ time: 40 / 30 + 0.003, frame: 40 });
    // Its middle: the clock's start.
    expect(pinToFrame(40.5 / 30, phone)).toEqual({ time: 40 / 30, frame: 40 });
    // A table: the frame's own start, 0.05 for a time inside the frame that starts there.
    expect(pinToFrame(0.07, vfrTable)).toEqual({ time: 0.05, frame: 2 });
    // A table on a clock with a frame missing: numbers are the clock's slots, times the frames'.
    const drops: FrameRate = { ...cfr30, dropped: true, frames: [0, 1 / 30, 3 / 30, 4 / 30] };
    expect(pinToFrame(3.5 / 30, drops)).toEqual({ time: 3 / 30, frame: 3 });
    expect(pinToFrame(1.2, null)).toBeNull();
    expect(pinToFrame(1.2, vfrEstimate)).toBeNull();
  });

  it('numbers stopwatch marks in progress, and leaves them alone (the same array) when nothing is to fill', () => {
    const marks = [{ time: 40.5 / 30, frame: null }, { time: 46 / 30, frame: 46 }];
    expect(numberMarks(marks, cfr30)).toEqual([{ time: 40 / 30, frame: 40 }, { time: 46 / 30, frame: 46 }]);
    expect(numberMarks(marks, null)).toBe(marks);
    const numbered = [{ time: 1, frame: 30 }];
    expect(numberMarks(numbered, cfr30)).toBe(numbered);
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

  // The play that measures the rate can say 29.97 before 30: a time put at its frame's start
  // on that first word stayed 1.3 ms off. Numbers wait for the step (and any play) to end.
  it('numbers by the rate a measuring play ends on, not the first it says', async () => {
    const saved: Annotation[] = [];
    const atMiddle = { ...drawing, time: 40.5 / 30 };
    const annotations = loadedAnnotations(fakeBackground(saved), me, 'v', [atMiddle]);
    const session = createStore<RateState>({ rate: null, busy: true, paused: true });
    const off = fillFrames(session, annotations);
    session.set({ rate: { ...cfr30, fps: 30000 / 1001, minGap: 1001 / 30000 } });
    await settle();
    expect(saved).toEqual([]);
    session.set({ rate: cfr30 });
    session.set({ busy: false, paused: false });
    await settle();
    expect(saved).toEqual([]);
    session.set({ paused: true });
    await settle();
    expect(saved.map((a) => [a.time, a.frame])).toEqual([[40 / 30, 40]]);
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
