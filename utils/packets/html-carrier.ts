/**
 * A packet carried inside an HTML report (issue 10): a `<script>` data block that never runs
 * (its type is not JavaScript) holding the packet's JSON, with every `<` written `\u003c` so
 * the block cannot be closed early by text in a comment.
 */
export const CARRIER_TYPE = 'application/x-framecoach-packet+json';
const OPEN = `<script type="${CARRIER_TYPE}" id="framecoach-packet">`;

/**
 * The packet JSON an HTML file carries; 'none' for HTML without one; null when `text` is not
 * HTML. Found by plain string search for the block as FrameCoach writes it (a pattern with
 * backtracking would take minutes on a hostile file of many `<script` tags).
 */
export function extractFromHtml(text: string): string | 'none' | null {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (!start.startsWith('<!doctype html') && !start.startsWith('<html')) return null;
  const open = text.indexOf(OPEN);
  if (open < 0) return 'none';
  const close = text.indexOf('</script>', open + OPEN.length);
  return close < 0 ? 'none' : text.slice(open + OPEN.length, close);
}

/** The data block for `json` (canonical packet JSON). */
export function carrierBlock(json: string): string {
  return `<script type="${CARRIER_TYPE}" id="framecoach-packet">${json.replace(/</g, '\\u003c')}</script>`;
}
