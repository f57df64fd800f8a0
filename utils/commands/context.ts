import type { Tool } from '../model/types';

/**
 * What a command's `run` receives: the player it acts on and the UI. Interfaces only, so
 * commands stay pure and a test can pass fakes.
 */
export interface PlayerActions {
  /** Steps `frames` frames (negative = back), pausing first if playing. Presses coalesce. */
  step(frames: number): void;
  togglePlay(): void;
  /** One notch slower (-1) or faster (+1) on the speed ladder. */
  changeSpeed(direction: 1 | -1): void;
  resetSpeed(): void;
  setLoopIn(): void;
  setLoopOut(): void;
  clearLoop(): void;
}

export interface UiActions {
  toggleOverlay(): void;
  toggleFullscreen(): void;
  toggleHelp(): void;
}

export interface CommentActions {
  /** A comment at the frame on screen; `range` spans the A–B loop when one is set. */
  add(range: boolean): void;
  togglePanel(): void;
  undo(): void;
}

export interface DrawingActions {
  /** Picks a drawing tool (null leaves the tool). */
  setTool(tool: Tool | null): void;
}

export interface CommandContext {
  readonly player: PlayerActions;
  readonly ui: UiActions;
  readonly comments: CommentActions;
  readonly drawing: DrawingActions;
}

/** Context keys (for `when` clauses) the content script keeps current. */
export interface ContextKeys {
  videoAttached: boolean;
  overlayVisible: boolean;
  paused: boolean;
  looping: boolean;
  helpVisible: boolean;
  commentsOpen: boolean;
  canUndo: boolean;
  toolActive: boolean;
  [key: string]: boolean | string | number | null | undefined;
}
