/**
 * A random id for a new record: an RFC 9562 version-4 UUID. `crypto.randomUUID` exists only
 * in secure contexts, and a content script on a plain-http page (a club's site, a video
 * server on the local network) is not one; `crypto.getRandomValues` exists everywhere, so it
 * serves every page the same way.
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
