/** Where a `<video>` was found. Plain strings, so the content script and background can send it. */
export interface VideoLocation {
  /** URL of the top-level page (the tab), when known. */
  topUrl?: string;
  /** URL of the frame (document) that holds the <video>; same as topUrl in the top frame. */
  frameUrl: string;
  /** The <video>'s currentSrc (may be '', a blob: URL, a data: URL, or a real http(s) URL). */
  src?: string;
}

export interface VideoIdentity {
  /**
   * Canonical id: 'youtube:<11-char id>', 'drive:<file id>', 'vimeo:<numeric id>', or
   * 'url:<normalized page url>' with an optional '#src=<normalized src>' or
   * '#frame=<normalized frame url>' (see identifyVideo).
   */
  id: string;
  site: 'youtube' | 'drive' | 'vimeo' | 'web';
  /** A URL a person can open to get back to the video (canonical watch/view URL for known sites, else the page URL). */
  openUrl: string;
}

/** What a site parser finds in one URL: the id and the canonical URL that opens it. */
export interface SiteMatch {
  readonly id: string;
  readonly openUrl: string;
}
