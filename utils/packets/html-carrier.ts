/**
 * A packet carried inside an HTML report (issue 10): a `<script>` data block that never runs
 * (its type is not JavaScript) holding the packet's JSON, with every `<` written `\u003c` so
 * the block cannot be closed early by text in a comment.
 */
export const CARRIER_TYPE = 'application/x-framecoach-packet+json';
const BLOCK = /<script\b[^>]*\btype\s*=\s*["']application\/x-framecoach-packet\+json["'][^>]*>([\s\S]*?)<\/script\s*>/i;

/** The packet JSON an HTML file carries; 'none' for HTML without one; null when `text` is not HTML. */
export function extractFromHtml(text: string): string | 'none' | null {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (!start.startsWith('<!doctype html') && !start.startsWith('<html')) return null;
  const match = BLOCK.exec(text);
  return match ? match[1]! : 'none';
}

/** The data block for `json` (canonical packet JSON). */
export function carrierBlock(json: string): string {
  return `<script type="${CARRIER_TYPE}" id="framecoach-packet">${json.replace(/</g, '\\u003c')}</script>`;
}
