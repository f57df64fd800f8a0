/**
 * Data upgrades for records written by older schema versions: each fills defaults for the
 * fields its version lacked and returns the same object when there is nothing to fill (so
 * the migration rewrites only what changed). Pure: tested without a database.
 */

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/** Returns `record` with `defaults` filled in where a field is missing, or `record` itself. */
function fillMissing(record: Fields, defaults: Fields): Fields {
  const missing = Object.keys(defaults).filter((key) => record[key] === undefined);
  if (missing.length === 0) return record;
  const filled: Fields = { ...record };
  for (const key of missing) filled[key] = defaults[key];
  return filled;
}

/**
 * Schema v1 comments had id, kind, videoId, time, text, author, createdAt, updatedAt and
 * version; v2 added frame, endTime, endFrame, resolved, parentId, deleted and source.
 */
export function fillV1Annotation(record: unknown): unknown {
  if (!isRecord(record)) return record;
  const createdAt = typeof record.createdAt === 'number' ? record.createdAt : 0;
  return fillMissing(record, {
    kind: 'comment',
    frame: null,
    endTime: null,
    endFrame: null,
    resolved: false,
    parentId: null,
    deleted: false,
    source: { kind: 'local' },
    createdAt,
    updatedAt: createdAt,
    version: 1,
  });
}

/** Schema v1 videos had id, title, pageUrl, createdAt and updatedAt; v2 added duration and fps. */
export function fillV1Video(record: unknown): unknown {
  if (!isRecord(record)) return record;
  const createdAt = typeof record.createdAt === 'number' ? record.createdAt : 0;
  return fillMissing(record, {
    title: '',
    pageUrl: '',
    duration: null,
    fps: null,
    createdAt,
    updatedAt: createdAt,
  });
}

/** Schema v2 videos lacked the picture's size (v3 keeps it for packets). */
export function fillV2Video(record: unknown): unknown {
  if (!isRecord(record)) return record;
  return fillMissing(record, { width: null, height: null });
}
