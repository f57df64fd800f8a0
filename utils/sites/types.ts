/** What FrameCoach needs to know of a site. Every hook is optional with a safe default. */
export interface SiteAdapter {
  readonly name: string;
  matches(url: URL): boolean;
  /** Element to mount the overlay in (inside the site's player, so it follows fullscreen). */
  overlayParent?(video: HTMLVideoElement): Element | null;
  /** Element our fullscreen command puts in fullscreen (must contain the video). */
  fullscreenTarget?(video: HTMLVideoElement): Element | null;
  /**
   * An ad plays in the video now (in the same element as the content): FrameCoach steps
   * aside, so nothing is shown over the ad or pinned to it.
   */
  adPlaying?(video: HTMLVideoElement): boolean;
  /** The frame rate the site's own player gives the video, where the page shows it. */
  playerFps?(video: HTMLVideoElement): number | null;
  /** Calls `changed` when `adPlaying` may have changed; returns the way to stop. */
  watchAds?(video: HTMLVideoElement, changed: () => void): () => void;
}
