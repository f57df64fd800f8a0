/** Playback speeds for analysis: fine steps below 1x, coarse above (the default; the coach may set others). */
export const SPEED_LADDER: readonly number[] = [0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

/** The next speed on `ladder` (ascending) in `direction` from `current` (which may be off the ladder). */
export function nextSpeed(current: number, direction: 1 | -1, ladder: readonly number[] = SPEED_LADDER): number {
  const steps = ladder.length ? ladder : SPEED_LADDER;
  const rate = Number.isFinite(current) && current > 0 ? current : 1;
  // Past either end of the ladder, stay put: "faster" must never slow down (8x → 4x).
  const top = steps[steps.length - 1]!;
  if (direction > 0) return steps.find((s) => s > rate + 1e-9) ?? Math.max(rate, top);
  return [...steps].reverse().find((s) => s < rate - 1e-9) ?? Math.min(rate, steps[0]!);
}

export function formatSpeed(rate: number): string {
  return `${Number(rate.toFixed(2))}x`;
}
