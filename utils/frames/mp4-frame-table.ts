/**
 * Every frame's presentation time, from an MP4's header (its `ftyp` and `moov` boxes: the
 * sample table, `stts`/`ctts`, and the edit list), parsed by mp4box.js. Runs in the
 * background: the parser is far too big for a content script, which only fetches the bytes
 * (utils/frames/table-reads.ts, frame-table.ts).
 */
import { MP4BoxBuffer, createFile, type Movie } from 'mp4box';

/** Frames a table may hold (about nine hours at 30 fps): more is not a video to step through. */
const MAX_FRAMES = 1_000_000;

/**
 * The presentation times (seconds, sorted, as the browser reports them) of the first video
 * track's frames, or null when the bytes are not an MP4 header with one, or when the edit
 * list does something this reader does not follow (several media segments, a rate other
 * than 1): then no table is better than a wrong one.
 */
export function mp4FrameTimes(header: Uint8Array): number[] | null {
  const file = createFile();
  let movie: Movie | null = null;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = () => {
    movie = null;
  };
  try {
    const copy = header.slice().buffer;
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, 0));
    file.flush();
  } catch {
    return null;
  }
  const info = movie as Movie | null;
  const track = info?.videoTracks[0];
  if (!info || !track || track.nb_samples > MAX_FRAMES) return null;
  const samples = file.getTrackSamplesInfo(track.id);
  if (samples.length === 0 || samples.length !== track.nb_samples) return null;
  const shift = editShift(file.getTrackById(track.id).edts?.elst?.entries ?? [], info.timescale, track.timescale);
  if (shift === null) return null;
  const times = samples.map((s) => round6(s.cts / track.timescale + shift)).sort((a, b) => a - b);
  // Frames before the edit starts are never shown (encoder priming): the browser drops them.
  return times.filter((t) => t >= 0);
}

interface EditEntry {
  segment_duration: number;
  media_time: number;
  media_rate_integer: number;
}

/**
 * Seconds to add to a sample's composition time: an empty edit first delays the video (a clip
 * cut from a longer recording); the media edit says where in the track playback starts.
 */
function editShift(entries: readonly EditEntry[], movieScale: number, trackScale: number): number | null {
  let delay = 0;
  let media: EditEntry | null = null;
  for (const entry of entries) {
    if (entry.media_time === -1) {
      if (media) return null; // an empty edit after the media: a gap this reader does not follow
      delay += entry.segment_duration / movieScale;
    } else if (media) {
      return null;
    } else media = entry;
  }
  if (media && media.media_rate_integer !== 1) return null;
  return delay - (media ? media.media_time / trackScale : 0);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
