/** What new drawings start with on a fresh profile, and how stored or restored defaults are cleaned. */
import type { DrawingDefaults } from '../messaging/contract';
import { DEFAULT_STYLE, DEFAULT_TIMING } from '../model/create';

export const DEFAULT_DRAWING: DrawingDefaults = {
  color: DEFAULT_STYLE.color,
  width: DEFAULT_STYLE.width,
  holdSeconds: DEFAULT_TIMING.holdSeconds,
};

/** `patch` over `base`, keeping only sane values (a hex colour, a width 0.5–20, a hold 0–60 s). */
export function cleanDrawingDefaults(patch: Partial<Record<keyof DrawingDefaults, unknown>>, base: DrawingDefaults): DrawingDefaults {
  const { color, width, holdSeconds } = patch;
  const number = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  return {
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : base.color,
    width: number(width, 0.5, 20) ? (width as number) : base.width,
    holdSeconds: number(holdSeconds, 0, 60) ? (holdSeconds as number) : base.holdSeconds,
  };
}
