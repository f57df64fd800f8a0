/**
 * What every report format is written from: the packet (the coach's records, the video, the
 * message) and, for the HTML report, a snapshot per frame. Helpers all formats share.
 */
import { formatClock, formatTimecode } from '../frames/timecode';
import type { Annotation } from '../model/types';
import type { Packet } from '../packets/format';
import { openUrlAt } from '../packets/open-url';

export interface Snapshot {
  /** The frame's media time (an entry's time). */
  readonly time: number;
  /** A JPEG data URL: the frame with its drawings composited. */
  readonly src: string;
  readonly width: number;
  readonly height: number;
  /** Why the picture is missing (a protected video: the drawings are on a blank frame), or null. */
  readonly note: string | null;
}

export interface ReportSource {
  readonly packet: Omit<Packet, 'annotations' | 'acknowledgements'>;
  /** The packet's file text, carried by the HTML report. */
  readonly packetText: string;
  readonly records: readonly Annotation[];
  readonly snapshots: readonly Snapshot[];
  readonly generatedAt: number;
}

export const frameGapOf = (source: Pick<ReportSource, 'packet'>) => 1 / (source.packet.video.fps ?? 30);

/** "F12 · 00:00:12" (frame and timecode), or the clock time when the frame is unknown. */
export function placeOf(time: number, frame: number | null, fps: number | null): string {
  return frame === null ? formatClock(time) : `F${frame} · ${fps ? formatTimecode(time, fps) : formatClock(time)}`;
}

/** The link that opens the video at `time` ('' when the video has no address). */
export const linkAt = (source: Pick<ReportSource, 'packet'>, time: number | null) => openUrlAt(source.packet.video, time);

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const whenOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function byline(source: Pick<ReportSource, 'packet'>): string {
  const { sender, recipient, createdAt, kind } = source.packet;
  return `${kind === 'reply' ? 'Reply' : 'Feedback'} from ${sender.name || 'a coach'}${recipient ? ` to ${recipient}` : ''} · ${dayOf(createdAt)}`;
}
