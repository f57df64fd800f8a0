import { stepFrom, type FrameSource, type StepResult, type StepTiming } from './stepper';

/**
 * Coalesces step requests. Presses that arrive while a seek is in flight add up, and the
 * next seek covers all of them (constant rate), so a held key never loses or adds steps:
 * the video settles on start + presses.
 */
export interface StepQueue {
  push(frames: number): void;
  /** Frames asked for but not yet shown (signed). */
  pending(): number;
  /** Resolves when no step is pending or running. */
  idle(): Promise<void>;
  /**
   * Runs `work` once the steps asked for so far are done; presses made meanwhile wait for it.
   * A mark or a comment takes the frame on screen when it was asked for: on a busy machine
   * pausing and settling can take a while, and the `.` pressed right after a click must not
   * move the picture under it (seen: a stopwatch's first mark landed five frames late).
   */
  hold<T>(work: () => Promise<T>): Promise<T>;
}

export interface StepQueueHooks {
  timing(): Promise<StepTiming | null>;
  onStep(result: StepResult): void;
  onError(message: string): void;
  onBusy?(busy: boolean): void;
}

export function createStepQueue(source: FrameSource, hooks: StepQueueHooks): StepQueue {
  let pending = 0;
  let running: Promise<void> | null = null;
  /** Holds under way, and the presses made during them (stepped when the last one ends). */
  let holds = 0;
  let later = 0;
  /**
   * Busy while a step runs, and while presses wait for a hold: the HUD must not say the frame
   * on screen is where the coach asked to be while a press is still to come.
   */
  let saidBusy = false;
  const report = () => {
    const busy = running !== null || later !== 0;
    if (busy === saidBusy) return;
    saidBusy = busy;
    hooks.onBusy?.(busy);
  };
  const start = () => {
    if (running || pending === 0) return;
    running = drain().finally(() => {
      running = null;
      report();
    });
    report();
  };

  async function drain(): Promise<void> {
    try {
      await source.pause();
      while (pending !== 0) {
        const timing = await hooks.timing();
        if (!timing) {
          pending = 0;
          hooks.onError('Frame rate unknown: play the video for a moment, then step.');
          break;
        }
        const start = source.presented() ?? (await source.sync());
        if (start === null) {
          pending = 0;
          hooks.onError('No frame is shown yet: wait for the video to load.');
          break;
        }
        const count = timing.variable ? Math.sign(pending) : pending;
        pending -= count;
        const result = await stepFrom(source, start, count, timing);
        hooks.onStep(result);
        // At the start or end: presses beyond it are spent.
        if (result.moved !== count) pending = 0;
      }
    } catch (error) {
      pending = 0;
      hooks.onError(error instanceof Error ? error.message : String(error));
    }
  }

  return {
    push(frames) {
      if (!Number.isFinite(frames) || frames === 0) return;
      if (holds > 0) later += Math.trunc(frames);
      else pending += Math.trunc(frames);
      start();
      report();
    },
    pending: () => pending + later,
    idle: () => running ?? Promise.resolve(),
    async hold(work) {
      holds++;
      try {
        await (running ?? Promise.resolve());
        return await work();
      } finally {
        holds--;
        if (holds === 0) {
          pending += later;
          later = 0;
          start();
          report();
        }
      }
    },
  };
}
