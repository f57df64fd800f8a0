/**
 * What every request must carry, checked before its handler runs: a request from any
 * FrameCoach context with a field of the wrong type is refused with a message naming it.
 * (Only FrameCoach's own contexts reach the background at all; this keeps a bug, or a
 * compromised content script, from handing a handler something it does not expect.) The
 * handlers still check values (ranges, shapes of records, packet and backup files).
 *
 * A field's spec: its types joined by `|` (`string`, `number`, `boolean`, `object`, `array`,
 * `null`), and `?` at the end when it may be left out. Fields not listed are ignored.
 */
import type { RequestType } from './contract';

type Spec = Readonly<Record<string, string>>;

const FACTS: Spec = {
  frameUrl: 'string',
  src: 'string',
  title: 'string',
  duration: 'number|null',
  fps: 'number|null',
  clock: 'object?',
  width: 'number|null?',
  height: 'number|null?',
};
const NONE: Spec = {};
const TEXT: Spec = { text: 'string' };
const VIDEO: Spec = { videoId: 'string' };

/** Every request type: a new one that is not listed here fails to compile. */
export const ARG_SHAPES: Record<RequestType, Spec> = {
  'video.open': FACTS,
  'video.update': FACTS,
  'packet.attach': { packetVideoId: 'string', videoId: 'string' },
  'video.show': { videoId: 'string', time: 'number|null?' },
  'page.open': { page: 'string' },
  'tab.video': { tabId: 'number' },
  'video.delete': VIDEO,
  'frames.table': { parts: 'array', size: 'number|null' },
  'packet.export': { videoId: 'string', kind: 'string?', recipient: 'string|null?', message: 'string?', role: 'string?' },
  'packet.preview': TEXT,
  'packet.import': TEXT,
  'packets.list': NONE,
  'packets.markSeen': { videoId: 'string', ids: 'array?' },
  'library.view': { query: 'string?' },
  'report.build': { videoId: 'string', formats: 'array', snapshots: 'array', recipient: 'string|null?', message: 'string?' },
  'tab.capture': NONE,
  'permission.ask': NONE,
  'annotations.list': VIDEO,
  'annotation.save': { annotation: 'object' },
  'videos.recent': { limit: 'number?' },
  'backup.export': NONE,
  'backup.preview': TEXT,
  'backup.restore': TEXT,
  'backup.status': NONE,
  'settings.get': NONE,
  'settings.setAuthorName': { name: 'string' },
  'settings.setDrawingDefaults': { color: 'string?', width: 'number?', holdSeconds: 'number?' },
  'settings.setKeybindings': { rules: 'array' },
  // Each preference is checked by patchPreferences (a bad value refuses the whole patch).
  'settings.setPreferences': NONE,
  'commands.used': { id: 'string' },
  'ui.css': NONE,
  'frame.video': { context: 'object|null', size: 'array|null' },
  'frame.key': { frameId: 'number', key: 'object|null' },
};

const WORDS: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'number';
  return typeof value;
}

/** What is wrong with `args` for a request of `type`, or null when it carries what it must. */
export function argsProblem(type: RequestType, args: unknown): string | null {
  if (kindOf(args) !== 'object') return `${type}: the request must carry an object`;
  const spec = ARG_SHAPES[type];
  for (const [field, want] of Object.entries(spec)) {
    const optional = want.endsWith('?');
    const kinds = (optional ? want.slice(0, -1) : want).split('|');
    const value = Object.hasOwn(args as object, field) ? (args as Record<string, unknown>)[field] : undefined;
    if (value === undefined && optional) continue;
    if (!kinds.includes(kindOf(value))) return `${type}: ${field} must be ${kinds.map((k) => WORDS[k] ?? k).join(' or ')}`;
  }
  return null;
}
