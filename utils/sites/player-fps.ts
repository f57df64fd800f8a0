/**
 * The frame rate YouTube's player gives the video, where the page shows it to anyone: the
 * player response written into a watch page's first load (`ytInitialPlayerResponse`, its
 * formats' `fps`). YouTube rounds it (30 for 29.97). A page reached by navigation inside
 * the site keeps the first video's response: it is used only for the video it names.
 */
const MARK = 'ytInitialPlayerResponse';
/** Bigger inline scripts are not read (a page's response is some hundred KB). */
const MAX_SCRIPT = 4_000_000;

interface Format {
  mimeType?: unknown;
  height?: unknown;
  fps?: unknown;
}

/** The JSON object that starts at `from` (`{`), or null: strings and escapes are skipped over. */
export function objectAt(text: string, from: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(from, i + 1);
  }
  return null;
}

/** The player's rate for video `videoId` at picture height `height` (the format playing), or null. */
export function playerFpsIn(scripts: Iterable<{ text: string }>, videoId: string, height: number): number | null {
  for (const script of scripts) {
    const text = script.text;
    if (text.length > MAX_SCRIPT) continue;
    const at = text.indexOf(MARK);
    if (at < 0) continue;
    const json = objectAt(text, text.indexOf('{', at));
    if (!json) continue;
    let response: { videoDetails?: { videoId?: unknown }; streamingData?: { formats?: Format[]; adaptiveFormats?: Format[] } };
    try {
      response = JSON.parse(json);
    } catch {
      continue;
    }
    if (response.videoDetails?.videoId !== videoId) continue;
    const formats = [...(response.streamingData?.adaptiveFormats ?? []), ...(response.streamingData?.formats ?? [])].filter(
      (f) => String(f.mimeType).startsWith('video/') && typeof f.fps === 'number' && f.fps > 0,
    );
    const playing = formats.find((f) => f.height === height) ?? formats[0];
    return playing ? (playing.fps as number) : null;
  }
  return null;
}

/**
 * How the measured rate stands beside the player's: the player rounds, so 29.97 and 30
 * agree. Null when there is nothing to compare.
 */
export function playerAgrees(measured: number | null | undefined, player: number | null): boolean | null {
  if (!measured || !player) return null;
  return Math.abs(measured - player) < 0.51;
}
