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

  async function drain(): Promise<void> {
    hooks.onBusy?.(true);
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
    } finally {
      hooks.onBusy?.(false);
    }
  }

  return {
    push(frames) {
      if (!Number.isFinite(frames) || frames === 0) return;
      pending += Math.trunc(frames);
      if (running) return;
      running = drain().finally(() => {
        running = null;
      });
    },
    pending: () => pending,
    idle: () => running ?? Promise.resolve(),
  };
}
