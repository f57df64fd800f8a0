/**
 * The annotation model: plain readonly JSON, no classes, so IndexedDB and feedback packets
 * store records as they are. Changed only through `mutate` (mutate.ts).
 */

/** Where a record came from: the coach's own work, or an imported feedback packet. */
export type RecordSource = { readonly kind: 'local' } | { readonly kind: 'packet'; readonly packetId: string };

export interface Author {
  /** Stable per installation (a random id), so two people named "Sam" stay apart. */
  readonly id: string;
  readonly name: string;
}

/** Fields every annotation shares. */
export interface AnnotationBase {
  /** Stable, globally unique (random UUID): packets merge by id, never duplicate. */
  readonly id: string;
  /** Canonical video id (utils/identity). */
  readonly videoId: string;
  /** Media time of the presented frame the annotation is pinned to, seconds. */
  readonly time: number;
  /** Frame index at `time` when the rate was known (for display; `time` is the truth). */
  readonly frame: number | null;
  readonly author: Author;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Starts at 1, +1 on every change: higher version wins a merge. */
  readonly version: number;
  /** Tombstone: deleted records stay so merges can tell "deleted" from "never seen". */
  readonly deleted: boolean;
  readonly source: RecordSource;
}

export interface CommentAnnotation extends AnnotationBase {
  readonly kind: 'comment';
  readonly text: string;
  /** End of a range comment (media time of its last frame), or null for a single frame. */
  readonly endTime: number | null;
  readonly endFrame: number | null;
  readonly resolved: boolean;
  /** The comment this one replies to (threads are one level deep), or null. */
  readonly parentId: string | null;
}

/** A point normalized to the video's picture: 0..1 across and down (after letterboxing). */
export interface NormPoint {
  readonly x: number;
  readonly y: number;
}

/** The drawing tools. Each shape keeps only what defines it; renderers derive the rest. */
export type Shape =
  | { readonly tool: 'pen'; readonly points: readonly NormPoint[] }
  | { readonly tool: 'line'; readonly from: NormPoint; readonly to: NormPoint }
  | { readonly tool: 'arrow'; readonly from: NormPoint; readonly to: NormPoint }
  | { readonly tool: 'rect'; readonly from: NormPoint; readonly to: NormPoint }
  | { readonly tool: 'ellipse'; readonly from: NormPoint; readonly to: NormPoint }
  | { readonly tool: 'text'; readonly at: NormPoint; readonly text: string }
  /** Three points: the angle at `vertex` between the rays to `a` and `b`. */
  | { readonly tool: 'angle'; readonly a: NormPoint; readonly vertex: NormPoint; readonly b: NormPoint }
  /** Two points: the segment's angle to the vertical or the horizontal (trunk lean, shin). */
  | { readonly tool: 'angleToVertical'; readonly from: NormPoint; readonly to: NormPoint }
  | { readonly tool: 'angleToHorizontal'; readonly from: NormPoint; readonly to: NormPoint }
  /**
   * Frames marked in time (foot strike, toe-off, the next foot strike): the label at `at`
   * shows the interval between two marks in ms and frames, and the cadence from three or more.
   */
  | { readonly tool: 'stopwatch'; readonly at: NormPoint; readonly marks: readonly FrameMark[] };

/** A frame marked by the stopwatch: its media time, and its index when the rate was known. */
export interface FrameMark {
  readonly time: number;
  readonly frame: number | null;
}

export type Tool = Shape['tool'];

export interface DrawingStyle {
  /** CSS color. */
  readonly color: string;
  /** Stroke width in CSS px at a 640 px-wide picture; scaled with the picture. */
  readonly width: number;
}

/**
 * Visibility in time: on its frame while paused; during playback shown for `holdSeconds`
 * from `time` then faded over `fadeSeconds` (Kinovea-style), or until `endTime` when set.
 */
export interface DrawingTiming {
  readonly holdSeconds: number;
  readonly fadeSeconds: number;
  readonly endTime: number | null;
}

export interface DrawingAnnotation extends AnnotationBase {
  readonly kind: 'drawing';
  readonly shape: Shape;
  readonly style: DrawingStyle;
  readonly timing: DrawingTiming;
  /** A comment this drawing belongs to, or null. */
  readonly commentId: string | null;
}

/**
 * "Got it": the reader of someone else's comment says they saw it. One per reader and
 * comment (its id says so: `ack:<comment id>:<author id>`), taken back by deleting it.
 * Pinned to the comment's time so it travels with the video's annotations.
 */
export interface AckAnnotation extends AnnotationBase {
  readonly kind: 'ack';
  /** The comment acknowledged. */
  readonly targetId: string;
}

/** Every kind of annotation. */
export type Annotation = CommentAnnotation | DrawingAnnotation | AckAnnotation;
export type AnnotationKind = Annotation['kind'];

/** Facts about a video's frame clock measured beside its rate (see `FrameRate` in utils/frames/rate.ts). */
export interface VideoClock {
  /** Media time of frame 0 (seconds; 0 for most videos). */
  readonly origin: number;
  /** Frames are missing from the clock (a phone dropping frames): steps count real frames. */
  readonly dropped: boolean;
  /** Seconds the timestamps sit off the clock at most (phones: a few ms). */
  readonly jitter: number;
}

/** What FrameCoach keeps about a video. */
export interface VideoRecord {
  /** Canonical id, e.g. `youtube:dQw4w9WgXcQ`, `drive:1AbC…`, `url:https://…`. */
  readonly id: string;
  readonly title: string;
  readonly pageUrl: string;
  /** Seconds, or null when unknown or live. */
  readonly duration: number | null;
  readonly fps: number | null;
  /**
   * What was measured about `fps`'s clock beside the rate, so frame numbers and steps are right
   * after a reload before any playback. Absent on records made before it was kept, and when
   * nothing beyond the rate was measured.
   */
  readonly clock?: VideoClock;
  /** The picture's size in pixels (videoWidth × videoHeight), when known. */
  readonly width: number | null;
  readonly height: number | null;
  readonly createdAt: number;
  /** Last time the video was opened or annotated: drives "recent". */
  readonly updatedAt: number;
}
