import type { Annotation } from './types';

/**
 * Which of two versions of the same record wins: the higher version; on a tie the later
 * update; then a deterministic order (so every machine picks the same one).
 */
export function pickWinner<A extends Annotation>(a: A, b: A): A {
  if (a.version !== b.version) return a.version > b.version ? a : b;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (a.deleted !== b.deleted) return a.deleted ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}
