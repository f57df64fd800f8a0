import { describe, expect, it } from 'vitest';
import { angleAt } from '../../utils/drawing/geometry';
import { newAck, newComment, newDrawing } from '../../utils/model/create';
import type { Annotation } from '../../utils/model/types';
import { readPacket } from '../../utils/packets/read';
import { writePacket } from '../../utils/packets/write';
import { csvCell, reportCsv } from '../../utils/report/csv';
import { reportEntries, snapshotTimes } from '../../utils/report/entries';
import { esc, REPORT_CSP, reportHtml } from '../../utils/report/html';
import { mdText, reportMarkdown } from '../../utils/report/markdown';
import { measurements } from '../../utils/report/measurements';
import type { ReportSource } from '../../utils/report/source';
import { VIDEO, athlete, coach, coachRecords, draft, signer } from './packet-fixtures';

const GAP = 1 / 25;
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> =HYPERLINK("http://evil") "quoted", comma\nnew line';

async function source(records: Annotation[] = coachRecords(), overrides: Partial<ReportSource['packet']['video']> = {}): Promise<ReportSource> {
  const d = draft(records);
  const { packet, text } = await writePacket({ ...d, video: { ...d.video, ...overrides } }, await signer());
  const { annotations: _a, acknowledgements: _k, ...envelope } = packet;
  const snapshots = snapshotTimes(reportEntries(records, GAP), GAP).map((time) => ({ time, src: 'data:image/jpeg;base64,AAAA', width: 720, height: 405, note: null }));
  return { packet: envelope, packetText: text, records, snapshots, generatedAt: Date.UTC(2026, 11, 1, 12) };
}

describe('reportEntries', () => {
  it('a comment per entry with its replies, acknowledgements and the drawings on its frame; loose drawings get their own; tombstones none', () => {
    const records = [...coachRecords(), newAck({ id: 'c1', videoId: VIDEO, time: 0.48, frame: 12 }, athlete, 5)];
    const entries = reportEntries(records, GAP);
    expect(entries.map((e) => [e.kind, e.comment?.id ?? null, e.drawings.map((d) => d.id).sort()])).toEqual([
      ['drawings', null, ['d3']], // the stopwatch starts at frame 10 and has no comment
      ['comment', 'c1', ['d1']],
      ['comment', 'c2', ['d2']],
      ['comment', 'c3', []],
    ]);
    expect(entries[1]!.replies.map((r) => r.id)).toEqual(['c4']);
    expect(entries[1]!.acks.map((a) => a.author.name)).toEqual(['Sam']);
    expect(entries.some((e) => e.drawings.some((d) => d.id === 'd4'))).toBe(false); // deleted
  });

  it('drawings on one frame without comments make one entry; frames to capture are listed once', () => {
    const line = (id: string, frame: number) =>
      newDrawing({ videoId: VIDEO, time: frame / 25, frame, shape: { tool: 'line', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }, author: coach, id, now: 1 });
    const entries = reportEntries([line('a', 5), line('b', 5), line('c', 9)], GAP);
    expect(entries.map((e) => e.drawings.map((d) => d.id))).toEqual([['a', 'b'], ['c']]);
    expect(snapshotTimes(entries, GAP)).toEqual([5 / 25, 9 / 25]);
  });
});

describe('measurements', () => {
  it('angles in the picture’s proportions, stopwatch intervals and cadence, with their frames', () => {
    const cadence = newDrawing({
      videoId: VIDEO, time: 1, frame: 25, author: coach, id: 'sw', now: 1,
      shape: { tool: 'stopwatch', at: { x: 0.5, y: 0.5 }, marks: [{ time: 1, frame: 25 }, { time: 1.5, frame: 37 }, { time: 2, frame: 50 }] },
    });
    const rows = measurements([...coachRecords(), cadence], { width: 1280, height: 720 });
    const angle = coachRecords().find((r) => r.id === 'd1')!;
    const shape = angle.kind === 'drawing' && angle.shape.tool === 'angle' ? angle.shape : null;
    const expected = angleAt(shape!.a, shape!.vertex, shape!.b, { width: 1280, height: 720 });
    expect(rows.map((m) => [m.what, m.frame, m.value])).toEqual([
      ['Interval', 10, '200 ms · 5 frames'],
      ['Angle', 12, `${(Math.round(expected * 10) / 10).toFixed(1)}°`],
      ['Cadence', 25, '120 steps/min · mean 500 ms · total 1000 ms · 25 frames'],
    ]);
    expect(rows[1]!.comment).toBe('Land under the hip <b>here</b>');
  });
});

describe('the HTML report', () => {
  it('runs nothing and loads nothing: a strict CSP, inline images only, every text escaped', async () => {
    const records = coachRecords().map((r) => (r.id === 'c2' && r.kind === 'comment' ? { ...r, text: HOSTILE, author: { ...r.author, name: '<b>Ana</b>' } } : r));
    const html = reportHtml(await source(records));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).toContain(esc(HOSTILE));
    // Outside the packet's data block, no tag comes from a text.
    const visible = html.slice(0, html.indexOf('<script type="application/x-framecoach-packet+json"'));
    expect(visible).not.toMatch(/<script|<img src=x|<b>Ana/);
    expect([...visible.matchAll(/<img [^>]*src="([^"]*)"/g)].every((m) => m[1]!.startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(visible).not.toMatch(/(src|href)="(?!data:|https?:)/);
    expect(html.match(/<script/g)).toHaveLength(1); // the data block
  });

  it('carries the packet: reading the report gives back every record', async () => {
    const records = coachRecords().map((r) => (r.id === 'c1' && r.kind === 'comment' ? { ...r, text: '</script><script>alert(1)</script>' } : r));
    const read = await readPacket(reportHtml(await source(records)));
    if (!read.ok) throw new Error(read.problem);
    expect(read.value.records.find((r) => r.id === 'c1')).toMatchObject({ text: '</script><script>alert(1)</script>' });
    expect(read.value.records).toHaveLength(records.length);
  });

  it('links each timecode to the moment where the site allows; a javascript: address is never a link', async () => {
    const html = reportHtml(await source());
    expect(html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=2s"'); // Head up at 2 s
    const evil = reportHtml(await source(coachRecords(), { pageUrl: 'javascript:alert(1)' }));
    // (The packet's data block keeps the address as data.)
    expect(evil.slice(0, evil.indexOf('<script'))).not.toContain('javascript:');
  });

  it('says so where a frame could not be captured', async () => {
    const s = await source();
    const html = reportHtml({ ...s, snapshots: s.snapshots.map((x) => ({ ...x, note: 'The picture of this protected video could not be captured.' })) });
    expect(html).toContain('class="note">The picture of this protected video could not be captured.');
  });
});

describe('Markdown', () => {
  it('a timecoded list with links, markup shown as text', async () => {
    const records = [...coachRecords().filter((r) => r.id !== 'c1'), newComment({ videoId: VIDEO, time: 0.48, frame: 12, text: HOSTILE, author: coach, id: 'c1', now: 1 })];
    const md = reportMarkdown(await source(records));
    expect(md).toContain('# Feedback on “Stride”');
    expect(md).toContain('[F50 · 00:02:00](<https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=2s>) **Coach Ana** _(resolved)_: Head up');
    expect(md).toContain(`**Coach Ana**: ${mdText(HOSTILE)}`);
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/); // every < is escaped
    expect(md).toContain('| F12 · 00:00:12 | Angle |');
  });

  it.each([
    ['- not a list', '\\- not a list'],
    ['# not a heading', '\\# not a heading'],
    ['1. not a list', '1\\. not a list'],
    ['=== not a heading', '\\=== not a heading'],
    ['a *b* [c](d) <e>', 'a \\*b\\* \\[c\\](d) \\<e\\>'],
  ])('mdText(%j)', (text, expected) => expect(mdText(text)).toBe(expected));
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    [' padded ', '" padded "'],
    [12, '12'],
    [null, ''],
  ] as const)('cell %j → %s', (value, expected) => expect(csvCell(value)).toBe(expected));

  it('one row per comment, reply and measurement, in time order, that a CSV reader reads back', async () => {
    const records = coachRecords().map((r) => (r.id === 'c2' && r.kind === 'comment' ? { ...r, text: HOSTILE } : r));
    const csv = reportCsv(await source(records));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['time', 'frame', 'timecode', 'author', 'kind', 'text', 'status', 'replies', 'measurement']);
    expect(rows.slice(1).map((r) => [r[4], r[1]])).toEqual([
      ['interval', '10'],
      ['comment', '12'],
      ['reply', '12'],
      ['angle', '12'],
      ['range comment', '30'],
      ['comment', '50'],
    ]);
    const range = rows.find((r) => r[4] === 'range comment')!;
    expect(range[5]).toBe(`'${HOSTILE}`.replace(/^'</, '<')); // starts with '<': not a formula, kept as is
    expect(rows.find((r) => r[4] === 'comment' && r[1] === '50')![6]).toBe('resolved');
  });
});

/** A small RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

