/**
 * Where a video's picture is drawn inside its element (CSS object-fit / object-position),
 * and conversions between viewport points and coordinates normalized to that picture.
 * Pure: the caller reads getBoundingClientRect / getComputedStyle and passes numbers in.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export type ObjectFit = 'contain' | 'cover' | 'fill' | 'none' | 'scale-down';

export interface ContentBoxInput {
  /** The element's content box in viewport px (border and padding removed). */
  box: Rect;
  /** video.videoWidth / videoHeight (Chromium already applies the sample aspect ratio). */
  intrinsicWidth: number;
  intrinsicHeight: number;
  /** Computed `object-fit`; unknown or empty → 'contain' (the <video> default). */
  objectFit?: string;
  /** Computed `object-position`, e.g. '50% 50%', 'left top', 'right 10px bottom'. */
  objectPosition?: string;
}

export interface BoxEdges {
  borderLeft: number;
  borderTop: number;
  borderRight: number;
  borderBottom: number;
  paddingLeft: number;
  paddingTop: number;
  paddingRight: number;
  paddingBottom: number;
}

const FITS: readonly string[] = ['contain', 'cover', 'fill', 'none', 'scale-down'];

function toObjectFit(value: string | undefined): ObjectFit {
  const fit = (value ?? '').trim().toLowerCase();
  return FITS.includes(fit) ? (fit as ObjectFit) : 'contain';
}

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/** One axis of a position: `fraction` of the free space plus `px`. */
export interface Offset {
  fraction: number;
  px: number;
}

type Keyword = { axis: 'x' | 'y' | null; fraction: number };
const KEYWORDS: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['left', { axis: 'x', fraction: 0 }],
  ['right', { axis: 'x', fraction: 1 }],
  ['top', { axis: 'y', fraction: 0 }],
  ['bottom', { axis: 'y', fraction: 1 }],
  ['center', { axis: null, fraction: 0.5 }],
]);
const CENTER: Offset = Object.freeze({ fraction: 0.5, px: 0 });

/** '50%', '10px', '0', or a sum such as 'calc(100% - 10px)'. */
function parseLength(token: string): Offset | null {
  const body = token.startsWith('calc(') && token.endsWith(')') ? token.slice(5, -1) : token;
  const compact = body.replace(/\s+/g, '');
  const term = /([+-]?)(\d*\.?\d+(?:e[+-]?\d+)?)(%|px)?/gy;
  const offset: Offset = { fraction: 0, px: 0 };
  let end = 0;
  for (let m = term.exec(compact); m !== null && m[0] !== ''; m = term.exec(compact)) {
    const value = (m[1] === '-' ? -1 : 1) * Number(m[2]);
    if (m[3] === '%') offset.fraction += value / 100;
    else if (m[3] === 'px' || value === 0) offset.px += value;
    else return null;
    end = term.lastIndex;
  }
  return end > 0 && end === compact.length ? offset : null;
}

/** Keyword + optional edge offset ('right 10px' = 100% − 10px) on its axis. */
function edge(keyword: Keyword, length: Offset | null): Offset {
  if (length === null) return { fraction: keyword.fraction, px: 0 };
  return keyword.fraction === 1
    ? { fraction: 1 - length.fraction, px: -length.px }
    : length;
}

/** Assigns keyword/offset pairs to axes; null when two claim the same axis. */
function assign(pairs: readonly [Keyword, Offset | null][]): { x: Offset; y: Offset } | null {
  let x: Offset | undefined;
  let y: Offset | undefined;
  const centers: Offset[] = [];
  for (const [keyword, length] of pairs) {
    if (keyword.axis === null && length !== null) return null;
    if (keyword.axis === 'x' && x === undefined) x = edge(keyword, length);
    else if (keyword.axis === 'y' && y === undefined) y = edge(keyword, length);
    else if (keyword.axis === null) centers.push(CENTER);
    else return null;
  }
  if (centers.length + (x ? 1 : 0) + (y ? 1 : 0) > 2) return null;
  return { x: x ?? CENTER, y: y ?? CENTER };
}

/**
 * Computed `object-position` → offsets per axis. Supports 1 and 2 values (keywords, %, px,
 * simple calc) and the 3/4-value edge-offset form; anything else → centered.
 */
export function parseObjectPosition(value: string): { x: Offset; y: Offset } {
  const tokens = value.trim().toLowerCase().match(/calc\([^)]*\)|\S+/g) ?? [];
  const items = tokens.map((t) => ({ keyword: KEYWORDS.get(t), length: parseLength(t) }));
  const [a, b] = items;
  let result: { x: Offset; y: Offset } | null = null;
  if (items.some((i) => !i.keyword && !i.length)) result = null;
  else if (items.length === 1 && a) {
    result = a.keyword ? assign([[a.keyword, null]]) : { x: a.length ?? CENTER, y: CENTER };
  } else if (items.length === 2 && a && b) {
    if (a.keyword && b.keyword) result = assign([[a.keyword, null], [b.keyword, null]]);
    else if (a.keyword?.axis !== 'y' && b.keyword?.axis !== 'x') {
      result = { x: a.length ?? CENTER, y: b.length ?? CENTER };
      if (a.keyword) result.x = edge(a.keyword, null);
      if (b.keyword) result.y = edge(b.keyword, null);
    }
  } else if (items.length === 3 || items.length === 4) {
    const pairs: [Keyword, Offset | null][] = [];
    for (let i = 0; i < items.length; i++) {
      const keyword = items[i]?.keyword;
      if (!keyword) return { x: CENTER, y: CENTER };
      const next = items[i + 1];
      const length = next && !next.keyword ? next.length : null;
      if (length) i++;
      pairs.push([keyword, length]);
    }
    result = assign(pairs);
  }
  return result ?? { x: CENTER, y: CENTER };
}

/** Picture size in px for the fit, before positioning. */
function fittedSize(fit: ObjectFit, box: Rect, iw: number, ih: number) {
  const contain = Math.min(box.width / iw, box.height / ih);
  switch (fit) {
    case 'fill':
      return { width: box.width, height: box.height };
    case 'none':
      return { width: iw, height: ih };
    case 'contain':
      return { width: iw * contain, height: ih * contain };
    case 'scale-down': {
      const scale = Math.min(1, contain);
      return { width: iw * scale, height: ih * scale };
    }
    case 'cover': {
      const scale = Math.max(box.width / iw, box.height / ih);
      return { width: iw * scale, height: ih * scale };
    }
  }
}

/**
 * The picture's rect in viewport px. For cover and none it may extend outside the box
 * (the caller clips with `intersect`). Zero/invalid intrinsic size or box → the box.
 */
export function contentRect(input: ContentBoxInput): Rect {
  const { box, intrinsicWidth: iw, intrinsicHeight: ih } = input;
  const boxValid = [box.x, box.y, box.width, box.height].every(Number.isFinite);
  if (!boxValid || !(iw > 0 && ih > 0 && Number.isFinite(iw) && Number.isFinite(ih))) {
    return { ...box };
  }
  const { width, height } = fittedSize(toObjectFit(input.objectFit), box, iw, ih);
  const position = parseObjectPosition(input.objectPosition ?? '');
  return {
    x: box.x + (box.width - width) * position.x.fraction + position.x.px,
    y: box.y + (box.height - height) * position.y.fraction + position.y.px,
    width,
    height,
  };
}

/** Border-box rect → content box (border and padding removed; size never negative). */
export function contentBox(border: Rect, style: BoxEdges): Rect {
  const left = finite(style.borderLeft) + finite(style.paddingLeft);
  const top = finite(style.borderTop) + finite(style.paddingTop);
  const right = finite(style.borderRight) + finite(style.paddingRight);
  const bottom = finite(style.borderBottom) + finite(style.paddingBottom);
  return {
    x: border.x + left,
    y: border.y + top,
    width: Math.max(0, border.width - left - right),
    height: Math.max(0, border.height - top - bottom),
  };
}

/** Overlap of two rects; width and height 0 when they do not overlap (or are NaN). */
export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  if (right > x && bottom > y) return { x, y, width: right - x, height: bottom - y };
  return { x: finite(x), y: finite(y), width: 0, height: 0 };
}

/** Viewport point → 0..1 across `rect` (not clamped: outside gives < 0 or > 1). */
export function toNormalized(p: Point, rect: Rect): Point {
  return {
    x: rect.width > 0 ? finite((p.x - rect.x) / rect.width) : 0,
    y: rect.height > 0 ? finite((p.y - rect.y) / rect.height) : 0,
  };
}

/** 0..1 across `rect` → viewport point. */
export function fromNormalized(p: Point, rect: Rect): Point {
  return { x: rect.x + p.x * rect.width, y: rect.y + p.y * rect.height };
}
