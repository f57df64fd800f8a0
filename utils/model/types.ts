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

/** Every kind of annotation. Drawings join in issue 4. */
export type Annotation = CommentAnnotation;
export type AnnotationKind = Annotation['kind'];

/** What FrameCoach keeps about a video. */
export interface VideoRecord {
  /** Canonical id, e.g. `youtube:dQw4w9WgXcQ`, `drive:1AbC…`, `url:https://…`. */
  readonly id: string;
  readonly title: string;
  readonly pageUrl: string;
  /** Seconds, or null when unknown or live. */
  readonly duration: number | null;
  readonly fps: number | null;
  readonly createdAt: number;
  /** Last time the video was opened or annotated: drives "recent". */
  readonly updatedAt: number;
}
