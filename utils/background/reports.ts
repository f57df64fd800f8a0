/**
 * The background's side of reports: writing the HTML report (from the packet and the
 * snapshots the page took), Markdown and CSV; capturing the visible tab for a video the page
 * can't read (at most twice a second, as Chromium allows, and only with the permission the
 * user grants when first needed); and asking for that permission on a page of our own.
 */
import type { Handlers, Sender } from '../messaging/server';
import type { ReportFile } from '../messaging/contract';
import { reportCsv } from '../report/csv';
import { reportHtml } from '../report/html';
import { reportMarkdown } from '../report/markdown';
import type { ReportSource, Snapshot } from '../report/source';
import { slug } from './packet-names';
import type { MadePacket } from './packets';

export interface ReportDeps {
  makePacket(args: { videoId: string; recipient?: string | null; message?: string }): Promise<MadePacket>;
  /** The visible tab of a window as an image data URL; throws code 'permission' without it. */
  capture?(windowId: number): Promise<string>;
  /** Opens our page that asks for the tab-capture permission. */
  askPermission?(): Promise<void>;
  now?: () => number;
}

/** Snapshots FrameCoach takes are JPEGs well under this; a bigger one is not ours. */
const MAX_SNAPSHOT_CHARS = 4_000_000;
const MAX_SNAPSHOTS = 2_000;

class CodedError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

function cleanSnapshots(value: unknown): Snapshot[] {
  if (!Array.isArray(value) || value.length > MAX_SNAPSHOTS) throw new Error('The report got no usable list of pictures.');
  return value.map((s: unknown): Snapshot => {
    const x = (s ?? {}) as Record<string, unknown>;
    const number = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0);
    const src = typeof x.src === 'string' && x.src.length <= MAX_SNAPSHOT_CHARS && /^data:image\/(jpeg|png);base64,/.test(x.src) ? x.src : '';
    return { time: number(x.time), src, width: number(x.width), height: number(x.height), note: typeof x.note === 'string' ? x.note.slice(0, 300) : null };
  });
}

export function reportHandlers({ makePacket, capture, askPermission, now = Date.now }: ReportDeps): Pick<Handlers, 'report.build' | 'tab.capture' | 'permission.ask'> {
  /** Chromium allows captureVisibleTab about twice a second: calls wait their turn. */
  let nextCapture = 0;
  let queue: Promise<unknown> = Promise.resolve();

  return {
    async 'report.build'({ videoId, formats, snapshots, recipient, message }) {
      const wanted = new Set(Array.isArray(formats) ? formats : []);
      if (!wanted.size) throw new Error('Choose at least one kind of report.');
      const made = await makePacket({ videoId, recipient, message });
      const { annotations: _a, acknowledgements: _k, ...packet } = made.packet;
      const source: ReportSource = {
        packet,
        packetText: made.result.text,
        records: made.records,
        snapshots: wanted.has('html') ? cleanSnapshots(snapshots) : [],
        generatedAt: now(),
      };
      const base = `${slug(packet.video.title) || 'video'}-report-${new Date(packet.createdAt).toISOString().slice(0, 10)}`;
      const files: ReportFile[] = [];
      const add = (ext: string, type: string, text: string) => files.push({ filename: `${base}.${ext}`, type, text, bytes: new TextEncoder().encode(text).length });
      if (wanted.has('html')) add('html', 'text/html', reportHtml(source));
      if (wanted.has('markdown')) add('md', 'text/markdown', reportMarkdown(source));
      if (wanted.has('csv')) add('csv', 'text/csv', reportCsv(source));
      return { files };
    },

    'tab.capture'(_args, sender: Sender) {
      if (!capture || sender.windowId === undefined) throw new CodedError('This browser does not let FrameCoach capture the tab.', 'unsupported');
      const turn = queue.then(async () => {
        const wait = nextCapture - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        nextCapture = Date.now() + 550;
        return capture(sender.windowId!);
      });
      queue = turn.catch(() => undefined);
      return turn.then((image) => ({ image }));
    },

    async 'permission.ask'() {
      if (!askPermission) throw new Error('This browser cannot ask for that permission.');
      await askPermission();
      return null;
    },
  };
}

export { CodedError };
