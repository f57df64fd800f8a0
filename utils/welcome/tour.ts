/**
 * What the first-run tour watches: the five things a coach needs, each read from what
 * FrameCoach's overlay on the tour page shows (its host's data and its shadow root).
 */
export const TOUR_STEPS = ['step', 'comment', 'draw', 'palette', 'send'] as const;
export type TourStep = (typeof TOUR_STEPS)[number];
export type TourProgress = Record<TourStep, boolean>;

/** The overlay as the tour reads it: a host element with `data-*` and a shadow root. */
export interface OverlayView {
  dataset: DOMStringMap;
  shadowRoot: Pick<ShadowRoot, 'querySelector'> | null;
}

/** `before` with every lesson done now added (a lesson once done stays done). Returns `before` itself when nothing changed. */
export function readTourProgress(host: OverlayView | null, before: TourProgress): TourProgress {
  if (!host) return before;
  const data = host.dataset;
  const now: TourProgress = {
    // A step measured (the time from the key to its frame on screen).
    step: !!data.stepMs,
    comment: Number(data.comments) > 0,
    draw: Number(data.drawings) > 0,
    // A command run from the palette (opening it is not finding one), a packet saved (not the dialog opened).
    palette: !!data.paletteRan,
    send: !!host.shadowRoot?.querySelector('.fc-send .fc-send-result'),
  };
  const next = { ...before };
  let changed = false;
  for (const s of TOUR_STEPS) {
    if (now[s] && !before[s]) {
      next[s] = true;
      changed = true;
    }
  }
  return changed ? next : before;
}
