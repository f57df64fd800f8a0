/**
 * Last line of defence before a write: is this plausibly an annotation or a video record?
 * (Untrusted input is restored field by field elsewhere; this only keeps garbage out of the
 * database and out of its indexes, e.g. a NaN time would silently drop out of byVideoTime.)
 */
import type { Annotation, AnnotationKind, VideoClock } from '../model/types';
import type { VideoInput } from './store';
import { shapeProblem } from '../model/shape';
import { StorageError } from './errors';

/** Every kind the store accepts: a Record, so a new kind that is not listed fails to compile. */
const KINDS: Record<AnnotationKind, true> = { comment: true, drawing: true, ack: true };

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isNullableTime = (value: unknown): boolean => value === null || isTime(value);

/** The first problem with `value` as an annotation, or null when it is fine. */
export function annotationProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const a = value as Record<string, unknown>;
  if (!isId(a.id)) return 'id must be a non-empty string';
  if (!isId(a.videoId)) return 'videoId must be a non-empty string';
  if (typeof a.kind !== 'string' || !Object.hasOwn(KINDS, a.kind)) return `unknown kind ${String(a.kind)}`;
  if (!isTime(a.time)) return 'time must be a finite number ≥ 0';
  if (typeof a.version !== 'number' || !Number.isInteger(a.version) || a.version < 1) {
    return 'version must be an integer ≥ 1';
  }
  if (!isTime(a.createdAt) || !isTime(a.updatedAt)) return 'createdAt and updatedAt must be finite numbers ≥ 0';
  if (typeof a.deleted !== 'boolean') return 'deleted must be a boolean';
  if (a.kind === 'drawing') return shapeProblem(a.shape);
  if (a.kind === 'ack' && !isId(a.targetId)) return 'targetId must be a non-empty string';
  return null;
}

export function assertAnnotation(value: unknown): asserts value is Annotation {
  const problem = annotationProblem(value);
  if (problem) {
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    throw new StorageError('invalid', `annotation ${typeof id === 'string' ? id : '?'}: ${problem}`);
  }
}



/** The first problem with a video to upsert, or null when it is fine. */
export function videoProblem(value: VideoInput): string | null {
  if (!isId(value.id)) return 'id must be a non-empty string';
  if (typeof value.title !== 'string' || typeof value.pageUrl !== 'string') return 'title and pageUrl must be strings';
  if (!isNullableTime(value.duration)) return 'duration must be null or a finite number ≥ 0';
  if (!(value.fps === null || (isTime(value.fps) && value.fps > 0))) return 'fps must be null or a finite number > 0';
  if (value.now !== undefined && !isTime(value.now)) return 'now must be a finite number ≥ 0';
  if (value.clock !== undefined) {
    const c = value.clock as Partial<Record<keyof VideoClock, unknown>> | null;
    if (typeof c !== 'object' || c === null) return 'clock must be an object';
    if (!isTime(c.origin) || (c.origin as number) > 1e7) return 'clock.origin must be a finite number of seconds ≥ 0';
    if (typeof c.dropped !== 'boolean') return 'clock.dropped must be a boolean';
    if (!isTime(c.jitter) || (c.jitter as number) > 0.1) return 'clock.jitter must be between 0 and 0.1 s';
    if (value.fps === null) return 'a clock needs its fps';
  }
  const isSize = (n: unknown) => n === undefined || n === null || (typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 100_000);
  if (!isSize(value.width) || !isSize(value.height)) return 'width and height must be null or whole numbers of pixels';
  return null;
}

export function assertVideoInput(value: VideoInput): void {
  const problem = videoProblem(value);
  if (problem) throw new StorageError('invalid', `video ${String(value.id)}: ${problem}`);
}
