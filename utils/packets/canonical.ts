/**
 * The one way a packet becomes text: object keys in code-unit order at every depth, numbers
 * as JavaScript prints them (the shortest text that reads back as the same number), no
 * undefined. The same data always gives the same bytes, so packets can be diffed and
 * hashed; `indent` only adds whitespace (the hash is taken over the compact form).
 */

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // A key named __proto__ is set as an own property, not the prototype.
      if (v !== undefined) Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
  return value;
}

/** Canonical JSON text of `value`; with `indent`, the same with line breaks and indentation. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}
