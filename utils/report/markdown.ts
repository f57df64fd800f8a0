/**
 * The report as Markdown, for an email or a chat message: a timecoded list with links.
 */
import { reportEntries } from './entries';
import { measurements } from './measurements';
import { byline, frameGapOf, linkAt, placeOf, whenOf, type ReportSource } from './source';

/** Text that reads as itself in Markdown: markup characters escaped, lines kept in the list item. */
export function mdText(text: string, indent = '  '): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/([\\`*_[\]<>|~])/g, '\\$1')
        // What would start a heading, a list, a quote or a rule at the start of a line.
        .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3')
        .replace(/^(\s*)([#>+\-=])/, '$1\\$2'),
    )
    .join(`\n${indent}`);
}

const mdLink = (label: string, url: string) => (/^https?:\/\//i.test(url) ? `[${mdText(label)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : mdText(label));

export function reportMarkdown(source: Omit<ReportSource, 'snapshots' | 'packetText'>): string {
  const { packet } = source;
  const fps = packet.video.fps;
  const lines: string[] = [`# Feedback on “${mdText(packet.video.title || 'a video')}”`, '', mdText(byline(source))];
  const url = linkAt(source, null);
  if (url) lines.push('', `Video: ${mdLink(url, url)}`);
  if (packet.message) lines.push('', `> ${mdText(packet.message, '> ')}`);
  lines.push('');
  for (const e of reportEntries(source.records, frameGapOf(source))) {
    const place = mdLink(placeOf(e.time, e.frame, fps), linkAt(source, e.time));
    const c = e.comment;
    const drawn = e.drawings.length ? ` (${e.drawings.length} drawing${e.drawings.length === 1 ? '' : 's'})` : '';
    lines.push(c ? `- ${place} **${mdText(c.author.name)}**${c.resolved ? ' _(resolved)_' : ''}: ${mdText(c.text, '  ')}${drawn}` : `- ${place} Drawings${drawn}`);
    for (const r of e.replies) lines.push(`  - **${mdText(r.author.name)}**: ${mdText(r.text, '    ')}`);
    for (const a of e.acks) lines.push(`  - ✓ ${mdText(a.author.name)}, ${mdText(whenOf(a.updatedAt))}`);
  }
  const rows = measurements(source.records, packet.video.width && packet.video.height ? { width: packet.video.width, height: packet.video.height } : null);
  if (rows.length) {
    lines.push('', '## Measurements', '', '| Frame | Measurement | Value |', '| --- | --- | --- |');
    for (const m of rows) lines.push(`| ${mdText(placeOf(m.time, m.frame, fps))} | ${mdText(m.what)} | ${mdText(m.value)} |`);
  }
  lines.push('', '_Made with FrameCoach._', '');
  return lines.join('\n');
}
