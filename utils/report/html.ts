/**
 * The report as one self-contained HTML file: it runs no script and loads nothing (a strict
 * Content-Security-Policy, every image inline), escapes every text, reads on a phone, prints
 * cleanly, and carries the packet so FrameCoach can import the file itself.
 */
import { carrierBlock } from '../packets/html-carrier';
import { reportEntries, type ReportEntry } from './entries';
import { measurements } from './measurements';
import { byline, frameGapOf, linkAt, placeOf, whenOf, type ReportSource, type Snapshot } from './source';

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Only http(s) and data:image links are ever written (a packet's address could say javascript:). */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? esc(url) : '');

const STYLE = `
*{box-sizing:border-box}body{margin:0;background:#f6f7f9;color:#15191f;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:760px;margin:0 auto;padding:16px}h1{font-size:22px;margin:4px 0}h2{font-size:18px;margin:28px 0 8px}
.by{color:#5d6875;margin:0}.msg{margin:12px 0;padding:6px 12px;border-left:4px solid #1f6fd1;background:#fff;white-space:pre-wrap}
a{color:#1f6fd1;overflow-wrap:anywhere}.entry{background:#fff;border:1px solid #dde2e8;border-radius:10px;padding:12px;margin:14px 0;break-inside:avoid}
.head{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}.tc{font:600 14px ui-monospace,Menlo,Consolas,monospace}
.who{font-weight:650}.dim{color:#5d6875;font-size:13px}figure{margin:8px 0}img{display:block;width:100%;max-width:100%;height:auto;border-radius:6px;background:#111}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0}.replies{list-style:none;margin:6px 0 0;padding:0 0 0 10px;border-left:3px solid #dde2e8}
.replies li{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}.ack{color:#2e7d32;font-size:14px}.resolved{color:#5d6875;font-size:13px}
.note{color:#9a5b00;font-size:13px}table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
footer{color:#5d6875;font-size:13px;margin:28px 0}
@media print{body{background:#fff}main{max-width:none}.entry{border-color:#bbb}a{color:inherit;text-decoration:none}}
`;

function picture(entry: ReportEntry, snapshot: Snapshot | undefined, label: string): string {
  if (!snapshot) return '';
  const note = snapshot.note ? `<figcaption class="note">${esc(snapshot.note)}</figcaption>` : '';
  const src = /^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/.test(snapshot.src) ? snapshot.src : '';
  return `<figure><img src="${src}" width="${Math.round(snapshot.width)}" height="${Math.round(snapshot.height)}" alt="${esc(label)}${
    entry.drawings.length ? ` with ${entry.drawings.length} drawing${entry.drawings.length === 1 ? '' : 's'}` : ''
  }" data-time="${entry.time}" data-frame="${entry.frame ?? ''}">${note}</figure>`;
}

function entryHtml(source: ReportSource, entry: ReportEntry, snapshot: Snapshot | undefined): string {
  const fps = source.packet.video.fps;
  const place = placeOf(entry.time, entry.frame, fps);
  const href = safeHref(linkAt(source, entry.time));
  const tc = href ? `<a class="tc" href="${href}">${esc(place)}</a>` : `<span class="tc">${esc(place)}</span>`;
  const c = entry.comment;
  const range = c?.endTime != null ? ` <span class="dim">to ${esc(placeOf(c.endTime, c.endFrame, fps))}</span>` : '';
  const head = `<div class="head">${tc}${range}${c ? ` <span class="who">${esc(c.author.name)}</span>` : ' <span class="who">Drawings</span>'}${
    c?.resolved ? ' <span class="resolved">resolved</span>' : ''
  }</div>`;
  const text = c ? `<p class="text">${esc(c.text)}</p>` : '';
  const replies = entry.replies.length
    ? `<ul class="replies">${entry.replies.map((r) => `<li><span class="who">${esc(r.author.name)}</span> ${esc(r.text)}</li>`).join('')}</ul>`
    : '';
  const acks = entry.acks.map((a) => `<p class="ack">✓ ${esc(a.author.name)} · ${esc(whenOf(a.updatedAt))}</p>`).join('');
  return `<article class="entry" data-kind="${entry.kind}">${head}${picture(entry, snapshot, `Frame ${entry.frame ?? place}`)}${text}${replies}${acks}</article>`;
}

export function reportHtml(source: ReportSource): string {
  const { packet } = source;
  const gap = frameGapOf(source);
  const entries = reportEntries(source.records, gap);
  const snapshotAt = (time: number) => source.snapshots.find((s) => Math.abs(s.time - time) < gap / 2);
  const rows = measurements(source.records, packet.video.width && packet.video.height ? { width: packet.video.width, height: packet.video.height } : null);
  const title = packet.video.title || 'a video';
  const videoHref = safeHref(linkAt(source, null));
  const table = rows.length
    ? `<table><thead><tr><th>Frame</th><th>Measurement</th><th>Value</th><th>Comment</th></tr></thead><tbody>${rows
        .map((m) => `<tr><td class="num">${esc(placeOf(m.time, m.frame, packet.video.fps))}</td><td>${esc(m.what)}</td><td class="num">${esc(m.value)}</td><td>${esc(m.comment ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="dim">No angles or stopwatch readings on this video.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Feedback on “${title}”`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="by">${esc(byline(source))}</p>
<h1>${esc(title)}</h1>
${videoHref ? `<p><a href="${videoHref}">${videoHref}</a></p>` : ''}
${packet.message ? `<p class="msg">${esc(packet.message)}</p>` : ''}
</header>
<section aria-label="Comments and drawings">
${entries.length ? entries.map((e) => entryHtml(source, e, snapshotAt(e.time))).join('\n') : '<p class="dim">No comments or drawings.</p>'}
</section>
<section aria-label="Measurements">
<h2>Measurements</h2>
${table}
</section>
<footer>Made with FrameCoach on ${esc(whenOf(source.generatedAt))} UTC. With FrameCoach installed, import this file to see every comment and drawing over the video, and to answer.</footer>
</main>
${carrierBlock(source.packetText.trim())}
</body>
</html>
`;
}
