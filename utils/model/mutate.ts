import type { Annotation } from './types';

/** Fields a change may touch: identity, provenance and bookkeeping are not among them. */
export type AnnotationPatch<A extends Annotation = Annotation> = Partial<
  Omit<A, 'id' | 'kind' | 'videoId' | 'author' | 'createdAt' | 'updatedAt' | 'version' | 'source'>
>;

/**
 * The one way to change an annotation: returns the same object when nothing changes,
 * otherwise a new one with version + 1 and updatedAt = now.
 */
export function mutate<A extends Annotation>(annotation: A, patch: AnnotationPatch<A>, now: number = Date.now()): A {
  let changed = false;
  for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
    if (!Object.is(patch[key], (annotation as unknown as Record<string, unknown>)[key as string])) changed = true;
  }
  if (!changed) return annotation;
  return { ...annotation, ...patch, version: annotation.version + 1, updatedAt: Math.max(now, annotation.updatedAt) };
}

/** Marks an annotation deleted (a tombstone); its text stays so undo can bring it back. */
export const remove = <A extends Annotation>(annotation: A, now?: number): A =>
  mutate(annotation, { deleted: true } as AnnotationPatch<A>, now);
