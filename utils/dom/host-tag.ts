/** The element FrameCoach puts over a video (its own, so the video finder skips it). Apart from the overlay's code: the finder runs in every frame. */
export const HOST_TAG = 'framecoach-overlay';
