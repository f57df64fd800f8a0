import { describe, expect, it } from 'vitest';
import { readTourProgress, type TourProgress } from '../../utils/welcome/tour';

const none: TourProgress = { step: false, comment: false, draw: false, palette: false, send: false };
const host = (data: Record<string, string>, shown: string[] = []) => ({
  dataset: data as DOMStringMap,
  shadowRoot: { querySelector: (s: string) => (shown.includes(s) ? ({} as Element) : null) } as Pick<ShadowRoot, 'querySelector'>,
});

describe('the tour reads what FrameCoach shows', () => {
  it('nothing yet: the same object back (no re-render)', () => {
    expect(readTourProgress(null, none)).toBe(none);
    expect(readTourProgress(host({ stepMs: '', comments: '0', drawings: '0' }), none)).toBe(none);
  });

  it('each lesson is ticked by its own sign', () => {
    expect(readTourProgress(host({ stepMs: '12.5' }), none)).toEqual({ ...none, step: true });
    expect(readTourProgress(host({ comments: '1' }), none)).toEqual({ ...none, comment: true });
    expect(readTourProgress(host({ drawings: '2' }), none)).toEqual({ ...none, draw: true });
    expect(readTourProgress(host({ paletteRan: 'playback.normalSpeed' }), none)).toEqual({ ...none, palette: true });
    expect(readTourProgress(host({}, ['.fc-send .fc-send-result']), none)).toEqual({ ...none, send: true });
  });

  it('opening the palette or the send dialog is not yet the lesson: running a command from it, saving a packet is', () => {
    expect(readTourProgress(host({ paletteRan: '' }, ['.fc-palette', '.fc-send']), none)).toBe(none);
  });

  it('a lesson once done stays done (the palette closed again, the comment deleted)', () => {
    const done = { ...none, palette: true, comment: true };
    expect(readTourProgress(host({ comments: '0' }), done)).toBe(done);
  });
});
