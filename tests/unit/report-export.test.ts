/**
 * The report's flow on the page, with a fake player, pictures and background: every frame
 * that matters is visited in order, Cancel stops and saves nothing, the video always comes
 * back to where it was, the permission path and the blank-frame path say what happened.
 */
import { describe, expect, it } from 'vitest';
import { createReporter, type Grabber } from '../../utils/annotations/report-export';
import type { Call } from '../../utils/messaging/client';
import type { SnapshotIn } from '../../utils/messaging/contract';
import { RequestError } from '../../utils/messaging/client';
import type { DrawingAnnotation } from '../../utils/model/types';
import type { PlayerSession } from '../../utils/player/session';
import { createStore } from '../../utils/player/store';
import { loadedAnnotations } from './drawing-fixtures';
import { VIDEO, coach, coachRecords } from './packet-fixtures';

function setup(options: { readable?: boolean; tab?: () => Promise<unknown>; protectedVideo?: boolean } = {}) {
  const visits: number[] = [];
  const video = { paused: true, play: async () => void (video.paused = false) } as unknown as HTMLVideoElement & { paused: boolean };
  let shown = 1.6;
  const session = {
    video,
    state: createStore({ time: shown, rate: { fps: 25, minGap: 0.04, variable: false, samples: 100 }, paused: true }),
    hold: async () => {
      video.paused = true; // as the real session: it pauses first
      return { time: shown, frame: Math.round(shown * 25) };
    },
    goTo: async (t: number) => {
      video.paused = true;
      visits.push(t);
      shown = t;
      return t;
    },
  } as unknown as PlayerSession;
  const built: { snapshots: SnapshotIn[]; formats: string[] }[] = [];
  const call = (async (type: string, args: { snapshots: SnapshotIn[]; formats: string[] }) => {
    if (type === 'report.build') {
      built.push(args);
      return { files: [{ filename: 'stride-report.html', type: 'text/html', text: '<html>', bytes: 6 }] };
    }
    throw new Error(`unexpected ${type}`);
  }) as unknown as Call;
  const canvas = (how: string) => ({ width: 320, height: 180, toDataURL: () => `data:image/jpeg;base64,${btoa(how)}` }) as unknown as HTMLCanvasElement;
  const composited: string[][] = [];
  const grab: Grabber = {
    video: () => (options.readable === false ? null : canvas('video')),
    tab: async () => {
      await options.tab?.();
      return canvas('tab');
    },
    blank: () => canvas('blank'),
    composite: (c, drawings: readonly DrawingAnnotation[]) => {
      composited.push(drawings.map((d) => d.id));
      return c;
    },
    isProtected: () => options.protectedVideo === true,
  };
  const saved: string[] = [];
  const annotations = loadedAnnotations(call, coach, VIDEO, coachRecords());
  const reporter = createReporter({ call, annotations, session, grab, saveFile: (f) => saved.push(f.filename) });
  return { reporter, visits, built, composited, saved, video, shownNow: () => shown };
}

describe('making a report on the page', () => {
  it('visits each frame once in time order, composites its drawings, writes, and goes back to the frame it left', async () => {
    const s = setup();
    expect(await s.reporter.make()).toBe(true);
    expect(s.visits.slice(0, -1)).toEqual([0.4, 0.48, 1.2, 2]); // stopwatch, c1, c2, c3
    expect(s.visits.at(-1)).toBe(1.6); // home
    expect(s.composited).toEqual([['d3'], ['d1'], ['d2'], []]);
    expect(s.built[0]!.snapshots.map((x) => [x.time, x.note])).toEqual([[0.4, null], [0.48, null], [1.2, null], [2, null]]);
    expect(s.built[0]!.formats).toEqual(['html', 'markdown', 'csv']);
    expect(s.reporter.state.get()).toMatchObject({ busy: false, progress: null, files: [{ filename: 'stride-report.html' }] });
    s.reporter.save('stride-report.html');
    expect(s.saved).toEqual(['stride-report.html']);
    expect(s.reporter.state.get().saved).toEqual(['stride-report.html']);
  });

  it('Markdown and CSV alone take no pictures', async () => {
    const s = setup();
    s.reporter.setFormat('html', false);
    expect(await s.reporter.make()).toBe(true);
    expect(s.visits).toEqual([]);
    expect(s.built[0]).toMatchObject({ snapshots: [], formats: ['markdown', 'csv'] });
  });

  it('Cancel stops between frames, writes nothing, and the video comes back', async () => {
    const s = setup({ readable: false, tab: async () => s.reporter.cancel() });
    expect(await s.reporter.make()).toBe(false);
    expect(s.built).toEqual([]);
    expect(s.shownNow()).toBe(1.6);
    expect(s.reporter.state.get()).toMatchObject({ busy: false, files: null, error: 'Cancelled: nothing was saved.' });
  });

  it('a video the page can’t read, without the permission: asks for it, writes nothing; with blank frames, says so', async () => {
    const s = setup({ readable: false, tab: async () => Promise.reject(new RequestError('not allowed', 'permission')) });
    expect(await s.reporter.make()).toBe(false);
    expect(s.reporter.state.get()).toMatchObject({ needsPermission: true, busy: false });
    expect(s.built).toEqual([]);
    expect(s.shownNow()).toBe(1.6);
    expect(await s.reporter.make(true)).toBe(true);
    expect(s.built[0]!.snapshots.every((x) => x.note !== null && atob(x.src.split(',')[1]!) === 'blank')).toBe(true);
    expect(s.reporter.state.get().notes).toEqual(['4 frames are blank, with the drawings on them.']);
  });

  it('a protected video gives blank frames with a note; a readable one through the tab says so', async () => {
    const p = setup({ protectedVideo: true });
    expect(await p.reporter.make()).toBe(true);
    expect(p.built[0]!.snapshots.every((x) => /could not be captured/.test(x.note ?? ''))).toBe(true);
    const t = setup({ readable: false });
    expect(await t.reporter.make()).toBe(true);
    expect(t.reporter.state.get().notes).toEqual(['4 frames were captured from the tab (the page does not let FrameCoach read this video).']);
  });

  it('in a frame of another site (the picture can’t be found in a tab capture): blank frames, said so', async () => {
    const s = setup({ readable: false, tab: async () => Promise.reject(Object.assign(new Error('in a frame'), { code: 'frame' })) });
    expect(await s.reporter.make()).toBe(true);
    expect(s.reporter.state.get().notes).toEqual(['4 frames are blank, with the drawings on them.']);
  });

  it('a playing video plays again afterwards', async () => {
    const s = setup();
    s.video.paused = false;
    await s.reporter.make();
    expect(s.video.paused).toBe(false);
  });
});
