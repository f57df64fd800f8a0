/** Small inline SVG icons (no markup strings: YouTube enforces Trusted Types). */
const paths = {
  prev: 'M6 5h2v14H6zM20 5v14L9.5 12z',
  next: 'M16 5h2v14h-2zM4 5v14l10.5-7z',
  back10: 'M11 5v14L3 12zM21 5v14l-8-7z',
  fwd10: 'M13 5v14l8-7zM3 5v14l8-7z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
  comment: 'M4 4h16v12H8l-4 4zM11 7v2H9v2h2v2h2v-2h2V9h-2V7z',
  list: 'M4 6h2v2H4zM8 6h12v2H8zM4 11h2v2H4zM8 11h12v2H8zM4 16h2v2H4zM8 16h12v2H8z',
  pointer: 'M6 3l13 7.5-5.6 1.4 3.4 6-2.4 1.4-3.4-6L6 17.5z',
  stopwatch: 'M10 2h4v2h-4zM12 5a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm0 2a6 6 0 1 1 0 12 6 6 0 0 1 0-12zm-1 2v5h2V9zM18.4 5.2l1.4 1.4-1.5 1.5-1.4-1.4z',
  draw: 'M3 17.2V21h3.8L17.8 10l-3.8-3.8zM20.7 7.1a1 1 0 0 0 0-1.4l-2.4-2.4a1 1 0 0 0-1.4 0l-1.9 1.9 3.8 3.8z',
  fullscreen: 'M4 4h6v2H6v4H4zM14 4h6v6h-2V6h-4zM4 14h2v4h4v2H4zM18 14h2v6h-6v-2h4z',
  send: 'M3 20V4l19 8zm2-3.1L16.8 12 5 7.1v3.4l6 1.5-6 1.5z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
