/**
 * Making a report from the overlay: every frame that matters is put on screen exactly (the
 * frame engine), pictured with its drawings (frame-grab.ts), and handed to the background,
 * which writes the files; progress shows, Cancel stops, and the video goes back to the frame
 * and play state the coach left it in. The files are saved one by one, each with a click.
 */
import { visibleAt } from '../drawing/visible';
import type { Call } from '../messaging/client';
import type { ReportFile, ReportFormat, SnapshotIn } from '../messaging/contract';
import type { DrawingAnnotation } from '../model/types';
import type { PlayerSession } from '../player/session';
import { createStore, type Store } from '../player/store';
import { reportEntries, snapshotTimes } from '../report/entries';
import type { VideoAnnotations } from './video-annotations';

export interface ReportState {
  open: boolean;
  formats: Record<ReportFormat, boolean>;
  busy: boolean;
  progress: { done: number; total: number } | null;
  /** Written and ready to save. */
  files: readonly ReportFile[] | null;
  saved: readonly string[];
  error: string | null;
  /** The video can't be read and tab capture is not allowed yet. */
  needsPermission: boolean;
  /** What the coach should know about the pictures (captured from the tab, blank frames). */
  notes: readonly string[];
}

/** How the page gets a picture of the frame on screen. */
export interface Grabber {
  /** From the video; null when the page can't read it. */
  video(): HTMLCanvasElement | null;
  /** From a capture of the tab; throws (code 'permission') until the user allows it. */
  tab(): Promise<HTMLCanvasElement>;
  blank(): HTMLCanvasElement;
  composite(picture: HTMLCanvasElement, drawings: readonly DrawingAnnotation[]): HTMLCanvasElement;
  /** Protected (DRM) video: nothing can be captured. */
  isProtected(): boolean;
}

export interface ReporterDeps {
  call: Call;
  annotations: VideoAnnotations;
  session: PlayerSession;
  grab: Grabber;
  saveFile(file: ReportFile): void;
}

export interface Reporter {
  readonly state: Store<ReportState>;
  open(): void;
  close(): void;
  setFormat(format: ReportFormat, on: boolean): void;
  /** Takes the pictures and writes the files. `blankWhenUnreadable`: go on without tab capture. */
  make(blankWhenUnreadable?: boolean): Promise<boolean>;
  cancel(): void;
  save(filename: string): void;
  askPermission(): Promise<void>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const BLANK_NOTE = 'This frame could not be captured: the drawings are on a blank frame.';

export function createReporter({ call, annotations, session, grab, saveFile }: ReporterDeps): Reporter {
  const state = createStore<ReportState>({
    open: false,
    formats: { html: true, markdown: true, csv: true },
    busy: false,
    progress: null,
    files: null,
    saved: [],
    error: null,
    needsPermission: false,
    notes: [],
  });
  let cancelled = false;

  /** A picture of the frame on screen and how it was got. */
  async function picture(blankWhenUnreadable: boolean): Promise<{ canvas: HTMLCanvasElement; how: 'video' | 'tab' | 'blank' }> {
    if (grab.isProtected()) return { canvas: grab.blank(), how: 'blank' };
    const direct = grab.video();
    if (direct) return { canvas: direct, how: 'video' };
    if (blankWhenUnreadable) return { canvas: grab.blank(), how: 'blank' };
    try {
      return { canvas: await grab.tab(), how: 'tab' };
    } catch (error) {
      // In a frame of another site the picture can't be found in a capture of the tab.
      if ((error as { code?: unknown }).code === 'frame') return { canvas: grab.blank(), how: 'blank' };
      throw error;
    }
  }

  async function make(blankWhenUnreadable = false): Promise<boolean> {
    const { videoId, records } = annotations.state.get();
    const s = state.get();
    if (s.busy) return false;
    const formats = (Object.keys(s.formats) as ReportFormat[]).filter((f) => s.formats[f]);
    if (!videoId) {
      state.set({ error: 'This video is still loading: try again in a moment.' });
      return false;
    }
    if (!formats.length) {
      state.set({ error: 'Choose at least one kind of report.' });
      return false;
    }
    const gap = session.state.get().rate?.minGap ?? 1 / 30;
    const own = records.filter((r) => r.videoId === videoId);
    const drawings = own.filter((r): r is DrawingAnnotation => r.kind === 'drawing');
    const times = formats.includes('html') ? snapshotTimes(reportEntries(own, gap), gap) : [];
    cancelled = false;
    state.set({ busy: true, error: null, files: null, saved: [], needsPermission: false, notes: [], progress: { done: 0, total: times.length } });

    // Where the coach left the video, to come back to.
    const video = session.video;
    const wasPlaying = !video.paused;
    const home = times.length ? await session.hold() : null;
    const snapshots: SnapshotIn[] = [];
    const used = { tab: 0, blank: 0 };
    try {
      for (const time of times) {
        if (cancelled) break;
        const shown = (await session.goTo(time)) ?? time;
        const { canvas, how } = await picture(blankWhenUnreadable);
        if (how !== 'video') used[how]++;
        const items = visibleAt(drawings, shown, true, gap).map((v) => v.item);
        const done = grab.composite(canvas, items);
        snapshots.push({ time, src: done.toDataURL('image/jpeg', 0.82), width: done.width, height: done.height, note: how === 'blank' ? BLANK_NOTE : null });
        state.set({ progress: { done: snapshots.length, total: times.length } });
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      state.set(code === 'permission' ? { busy: false, progress: null, needsPermission: true } : { busy: false, progress: null, error: `The frames could not be captured: ${errorText(error)}` });
      await goHome();
      return false;
    }
    await goHome();
    if (cancelled) {
      state.set({ busy: false, progress: null, error: 'Cancelled: nothing was saved.' });
      return false;
    }
    try {
      const { files } = await call('report.build', { videoId, formats, snapshots });
      const notes = [
        used.tab ? `${used.tab} frame${used.tab === 1 ? ' was' : 's were'} captured from the tab (the page does not let FrameCoach read this video).` : '',
        used.blank ? `${used.blank} frame${used.blank === 1 ? ' is' : 's are'} blank, with the drawings on them.` : '',
      ].filter(Boolean);
      state.set({ busy: false, progress: null, files, notes });
      return true;
    } catch (error) {
      state.set({ busy: false, progress: null, error: `The report could not be written: ${errorText(error)}` });
      return false;
    }

    async function goHome() {
      if (home) await session.goTo(home.time);
      if (wasPlaying) void video.play().catch(() => undefined);
    }
  }

  return {
    state,
    open: () => state.set({ open: true, error: null }),
    close() {
      cancelled = true;
      state.set({ open: false, files: null, saved: [], error: null, needsPermission: false, notes: [] });
    },
    setFormat: (format, on) => state.set({ formats: { ...state.get().formats, [format]: on }, files: null, saved: [] }),
    make,
    cancel: () => void (cancelled = true),
    save(filename) {
      const file = state.get().files?.find((f) => f.filename === filename);
      if (!file) return;
      saveFile(file);
      state.set({ saved: [...new Set([...state.get().saved, filename])] });
    },
    async askPermission() {
      try {
        await call('permission.ask', {});
      } catch (error) {
        state.set({ error: errorText(error) });
      }
    },
  };
}
