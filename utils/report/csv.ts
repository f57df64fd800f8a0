/**
 * The report as CSV, one row per comment, reply and measurement: time, frame, timecode,
 * author, kind, text, status, replies, measurement. Quoted where needed (commas, quotes,
 * line breaks); a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) is made
 * plain text with a leading apostrophe.
 */
import { formatTimecode } from '../frames/timecode';
import type { CommentAnnotation } from '../model/types';
import { reportEntries } from './entries';
import { measurements } from './measurements';
import { frameGapOf, type ReportSource } from './source';

export const CSV_COLUMNS = ['time', 'frame', 'timecode', 'author', 'kind', 'text', 'status', 'replies', 'measurement'] as const;

/** One cell: guarded against formula injection, quoted when it has to be. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(source: Omit<ReportSource, 'snapshots' | 'packetText'>): string {
  const fps = source.packet.video.fps;
  const row = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');
  const time = (t: number) => Number(t.toFixed(6));
  const tc = (t: number) => formatTimecode(t, fps);
  // In time order; at the same moment a comment, its replies, then measurements.
  const rows: { at: number; text: string }[] = [];
  const comment = (c: CommentAnnotation, at: number, kind: string, status: string | null, replies: number | null) =>
    rows.push({ at, text: row([time(c.time), c.frame, tc(c.time), c.author.name, kind, c.text, status, replies, null]) });
  for (const e of reportEntries(source.records, frameGapOf(source))) {
    if (!e.comment) continue;
    comment(e.comment, e.time, e.comment.endTime !== null ? 'range comment' : 'comment', e.comment.resolved ? 'resolved' : 'open', e.replies.length);
    for (const r of e.replies) comment(r, e.time, 'reply', null, null);
  }
  const size = source.packet.video.width && source.packet.video.height ? { width: source.packet.video.width, height: source.packet.video.height } : null;
  for (const m of measurements(source.records, size)) {
    rows.push({ at: m.time + 1e-9, text: row([time(m.time), m.frame, tc(m.time), m.author, m.what.toLowerCase(), m.comment, null, null, m.value]) });
  }
  const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  return `${[CSV_COLUMNS.join(','), ...sorted.map((r) => r.text)].join('\r\n')}\r\n`;
}
