/**
 * Reads the header of an MP4 file the page plays (its `ftyp` and `moov` boxes, where the
 * frame table is) with HTTP Range requests, top-level box by box: a few KB, wherever the
 * muxer put `moov`. Runs in the content script, whose requests go out as the page's own, so
 * it reads what the page may read (its own files; others' only when they allow it by CORS).
 * The background parses the bytes (utils/frames/mp4-frame-table.ts).
 */

/** First read: most files start with `ftyp` and `moov` (a "fast start" file) in this. */
const FIRST_READ = 64 * 1024;
/** A larger `moov` (hours of video) is not worth the download for stepping. */
const MAX_MOOV = 16 * 1024 * 1024;
const MAX_BOXES = 16;

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** `ftyp` followed by `moov`, or null: not an MP4, no Range support, not readable, too big. */
export async function readMovieHead(url: string, get: Fetch = fetch): Promise<Uint8Array | null> {
  if (!/^https?:/i.test(url)) return null;
  const range = async (from: number, length: number): Promise<{ at: number; bytes: Uint8Array } | null> => {
    const response = await get(url, { headers: { Range: `bytes=${from}-${from + length - 1}` }, cache: 'force-cache' });
    // A server that ignores Range sends the whole file: not read.
    if (response.status !== 206) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    return { at: from, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  try {
    let chunk = await range(0, FIRST_READ);
    let ftyp: Uint8Array | null = null;
    let offset = 0;
    for (let box = 0; chunk && box < MAX_BOXES; box++) {
      if (offset + 16 > chunk.at + chunk.bytes.length || offset < chunk.at) chunk = await range(offset, FIRST_READ);
      if (!chunk || chunk.bytes.length < 8) return null;
      const view = new DataView(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
      const at = offset - chunk.at;
      const type = String.fromCharCode(...chunk.bytes.subarray(at + 4, at + 8));
      let size = view.getUint32(at);
      if (size === 1 && at + 16 <= chunk.bytes.length) size = Number(view.getBigUint64(at + 8));
      if (size < 8) return null; // 0 (to the end of the file) or broken: no `moov` after it
      if (box === 0 && type !== 'ftyp') return null;
      if (type === 'ftyp' || type === 'moov') {
        if (size > MAX_MOOV) return null;
        const bytes = at + size <= chunk.bytes.length ? chunk.bytes.slice(at, at + size) : (await range(offset, size))?.bytes;
        if (!bytes || bytes.length !== size) return null;
        if (type === 'ftyp') ftyp = bytes;
        else return ftyp ? join(ftyp, bytes) : null;
      }
      offset += size;
    }
    return null;
  } catch {
    return null; // the network, CORS, an aborted read: no table, stepping measures instead
  }
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Bytes as base64 (messages to the background carry JSON). */
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
