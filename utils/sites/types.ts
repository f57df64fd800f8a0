/** What FrameCoach needs to know of a site. Every hook is optional with a safe default. */
export interface SiteAdapter {
  readonly name: string;
  matches(url: URL): boolean;
  /** Element to mount the overlay in (inside the site's player, so it follows fullscreen). */
  overlayParent?(video: HTMLVideoElement): Element | null;
  /** Element our fullscreen command puts in fullscreen (must contain the video). */
  fullscreenTarget?(video: HTMLVideoElement): Element | null;
}
