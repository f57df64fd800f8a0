/**
 * The drawing colours, apart from the drawing code: the command list (in the content script,
 * loaded in every frame) names them without loading the drawing tools.
 */
/** High-contrast colors the coach cycles through (the first is the default). */
export const PALETTE = ['#ffcf3f', '#ff4d4d', '#3fd0ff', '#5cff7a', '#ffffff', '#ff5cf0'] as const;
/** Each palette colour's name, for the palette's search and for screen readers. */
export const PALETTE_NAMES: Readonly<Record<(typeof PALETTE)[number], string>> = {
  '#ffcf3f': 'Yellow',
  '#ff4d4d': 'Red',
  '#3fd0ff': 'Blue',
  '#5cff7a': 'Green',
  '#ffffff': 'White',
  '#ff5cf0': 'Pink',
};
