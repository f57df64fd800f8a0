/** Why a video can't be stepped right now, in words a coach understands; null if it can. */
export interface VideoStatusInput {
  error: { code: number } | null;
  duration: number;
  readyState: number;
}

const ERRORS: Record<number, string> = {
  1: 'loading was stopped',
  2: 'a network error interrupted it',
  3: 'it could not be decoded',
  4: 'its format or source is not supported',
};

export function unsteppableReason(video: VideoStatusInput): string | null {
  if (video.error) {
    const why = ERRORS[video.error.code] ?? `error ${video.error.code}`;
    return `This video can't be played (${why}): frame stepping is unavailable.`;
  }
  if (video.duration === Infinity) return 'Live stream: frame stepping needs a recorded video.';
  if (video.readyState < 2) return 'Waiting for the first frame to load…';
  return null;
}
