/** Resolves after `ms` milliseconds (the frame engine's polls and settles). */
export const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
