/**
 * Reads the byte ranges of a file the page plays that hold its frame table (an MP4's header,
 * a small WebM whole), with HTTP Range requests. Runs in the content script, whose requests go
 * out as the page's own, so it reads what the page may read (its own files; others' only when
 * they allow it by CORS). What to read next, and the table itself, come from the background
 * (utils/frames/frame-table.ts), which holds the parsers: this side stays small.
 */

/** The first read: most MP4s start with `ftyp` and `moov` (a "fast start" file) in this. */
export const FIRST_READ = 64 * 1024;
/** Reads before giving up (an MP4 needs a few box-header hops when `moov` is at the end). */
const MAX_READS = 20;

/** The table; or what to read next and which parts (by offset) to send again; or null: no table. */
export type TableStep = { times: number[] } | { read: { from: number; length: number }; keep: number[] } | null;
/** Bytes of the file from offset `at`, as base64 (messages carry JSON). */
export interface SentPart {
  at: number;
  data: string;
}
type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Every frame's time from the file's own table, or null: not an MP4 or WebM the background
 * reads, a server that ignores Range, a file the page may not read, too big.
 * `size` tells the background the file's length when the server said it.
 */
export async function readFrameTable(url: string, ask: (parts: SentPart[], size: number | null) => Promise<TableStep>, get: Fetch = fetch): Promise<number[] | null> {
  if (!/^https?:/i.test(url)) return null;
  let parts: SentPart[] = [];
  let size: number | null = null;
  let step: TableStep = { read: { from: 0, length: FIRST_READ }, keep: [] };
  try {
    for (let reads = 0; step && 'read' in step && reads < MAX_READS; reads++) {
      const { from, length } = step.read;
      const response = await get(url, { headers: { Range: `bytes=${from}-${from + length - 1}` }, cache: 'force-cache' });
      // A server that ignores Range sends the whole file: not read.
      if (response.status !== 206) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      const total = /\/(\d+)\s*$/.exec(response.headers.get('Content-Range') ?? '');
      // Shorter than asked: the file ends there (told or not).
      size ??= total ? Number(total[1]) : bytes.length < length ? from + bytes.length : null;
      const keep = step.keep;
      parts = [...parts.filter((p) => keep.includes(p.at)), { at: from, data: toBase64(bytes) }];
      step = await ask(parts, size);
    }
    return step && 'times' in step ? step.times : null;
  } catch {
    return null; // the network, CORS, an aborted read: no table, stepping measures instead
  }
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
