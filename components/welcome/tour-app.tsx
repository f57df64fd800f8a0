import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import { chordLabel } from '../../utils/commands/keys';
import { userKeys } from '../pages/page-keys';
import { readTourProgress, TOUR_STEPS, type TourProgress } from '../../utils/welcome/tour';

export interface TourProps {
  /** The user's keybinding rules (the lessons name the keys in force), or null while they load. */
  rules: readonly KeybindingRule[] | null;
  /** FrameCoach's overlay host on this page, once it is there. */
  overlay(): HTMLElement | null;
  openLibrary(): void;
  openSettings(): void;
  /** FrameCoach runs over the clip (from the first click on Start: opening the page touches nothing). */
  started: boolean;
  start(): void;
}

const POLL_MS = 300;

/** The first-run tour: the demo clip with FrameCoach over it, and five things to try, each ticked when done. */
export function TourApp({ rules, overlay, openLibrary, openSettings, started, start }: TourProps) {
  const resolver = useMemo(() => userKeys(rules ?? []), [rules]);
  const key = (id: string) => {
    const chord = resolver.keysFor(id)[0];
    return chord ? <kbd>{chordLabel(chord)}</kbd> : <em>no key (find it in the palette)</em>;
  };
  const [progress, setProgress] = useState<TourProgress>({ step: false, comment: false, draw: false, palette: false, send: false });
  useEffect(() => {
    // What FrameCoach shows is read from its overlay; a lesson, once done, stays done.
    const timer = setInterval(() => setProgress((before) => readTourProgress(overlay(), before)), POLL_MS);
    return () => clearInterval(timer);
  }, [overlay]);
  const done = TOUR_STEPS.filter((s) => progress[s]).length;
  return (
    <div class="lib tour">
      <header class="lib-head">
        <h1>Welcome to FrameCoach</h1>
        <span class="lib-dim" role="status" aria-live="polite">
          {done === TOUR_STEPS.length ? 'All five done: you are ready to review.' : `${done} of ${TOUR_STEPS.length} done`}
        </span>
      </header>
      <p class="tour-intro">
        FrameCoach puts exact frame stepping, drawings and comments over any video in your browser, and sends them to
        your athlete as a file. Press <strong>Start</strong>, then try the five things a coach needs on this clip with
        the keys below.
      </p>
      <div class="tour-body">
        <div class="tour-stage">
          <video class="tour-video" src="/tour/bounce.mp4" controls muted playsInline preload="auto" aria-label="Tour clip: a ball bouncing, each frame numbered" />
          {!started && (
            <button type="button" class="lib-btn tour-start" onClick={start}>
              Start
            </button>
          )}
        </div>
        <ol class="tour-steps">
          <Step done={progress.step} title="Step one frame at a time">
            {key('frame.next')} shows the next frame, {key('frame.previous')} the one before: the number in the corner of the clip moves by exactly one.
            Play and pause with {key('playback.toggle')}.
          </Step>
          <Step done={progress.comment} title="Comment on a frame">
            Press {key('comment.add')}, write what you see, and press <kbd>Enter</kbd>: the comment is pinned to that frame, and
            the list ({key('comment.togglePanel')}) takes you back to it.
          </Step>
          <Step done={progress.draw} title="Draw on the picture">
            Pick the arrow with {key('draw.tool.arrow')} (or a line {key('draw.tool.line')}, an angle {key('draw.tool.angle')}) and drag on the ball.
            The drawing stays on its frame. {key('draw.exit')} leaves the tool.
          </Step>
          <Step done={progress.palette} title="Find any command">
            Press {key('view.palette')} and type a few letters (“spe” for the speeds, “col” for colours), then Enter to run
            one: every command is there, with its key. The keys can be changed in the settings.
          </Step>
          <Step done={progress.send} title="Send feedback to your athlete">
            Press {key('packet.send')} and Save: a feedback packet, one file with the frames, drawings and comments. The athlete
            opens it in FrameCoach (or in any browser as a report) and answers with a reply packet.
          </Step>
        </ol>
      </div>
      <footer class="lib-dim tour-foot">
        Your comments here are kept like any others, in the{' '}
        <button type="button" class="lib-link" onClick={openLibrary}>library</button>. Change keys and settings on the{' '}
        <button type="button" class="lib-link" onClick={openSettings}>settings page</button>. This tour is in the shortcuts sheet ({key('view.help')}) over any video.
      </footer>
    </div>
  );
}

function Step({ done, title, children }: { done: boolean; title: string; children: preact.ComponentChildren }) {
  return (
    <li class={done ? 'tour-step tour-done' : 'tour-step'}>
      <h2>
        <span class="tour-tick" aria-hidden="true">{done ? '✓' : '○'}</span> {title}
        {done && <span class="tour-sr"> (done)</span>}
      </h2>
      <p>{children}</p>
    </li>
  );
}
