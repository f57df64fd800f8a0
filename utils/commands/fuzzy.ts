/**
 * Fuzzy matching for the command palette, scored the way VS Code's palette feels: typed
 * characters that land on word starts or run together beat scattered ones, and a prefix of
 * the text beats everything. A small dynamic programme finds the best alignment, not the
 * first one a greedy scan would take ("st" in "Set loop start" is the start of "start").
 */

/** A match of a query in a text: higher score is better; positions are the matched character indexes (for highlighting). */
export interface FuzzyMatch { score: number; positions: number[] }

// Points per matched query character. CONSECUTIVE equals WORD_START so that a run from the
// text's start (a prefix) is never beaten by word starts elsewhere, which also pay a GAP.
const WORD_START = 8; // at the text's start, after a separator, or on a camelCase hump
const START = 4; // on the text's very first character: a prefix ranks highest
const CONSECUTIVE = 8; // right after the previous matched character
const GAP = 1; // each jump over unmatched characters: compact beats scattered
const EXACT_CASE = 1; // same case as typed: a little more, never decisive on its own
const LENGTH = 0.01; // taken off per text character: shorter texts win ties, slightly
const SEPARATORS = ' -_./:(';

/** null when the query's characters do not all appear in order in the text (case-insensitive). An empty query matches everything with score 0 and no positions. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const n = query.length;
  const m = text.length;
  if (n === 0) return { score: 0, positions: [] };
  if (n > m) return null;
  // Lower-cased one character at a time: whole-string lower-casing can change the length.
  const same = (i: number, j: number): boolean => query.charAt(i).toLowerCase() === text.charAt(j).toLowerCase();
  const gain = (i: number, j: number): number => {
    const c = text.charAt(j);
    const p = text.charAt(j - 1); // '' at j = 0
    const wordStart = j === 0 || SEPARATORS.includes(p) || (p !== p.toUpperCase() && c !== c.toLowerCase());
    return (wordStart ? WORD_START : 0) + (j === 0 ? START : 0) + (query.charAt(i) === c ? EXACT_CASE : 0);
  };
  // Row i, column j (index i*m + j): `ends` is the best score of query[0..i] with query[i] on
  // text[j]; `best`/`bestAt` the best of those over columns 0..j, and where it ends; `from`
  // the column of query[i-1] in that best alignment, to trace the positions back.
  const ends = new Float64Array(n * m).fill(-Infinity);
  const best = new Float64Array(n * m).fill(-Infinity);
  const bestAt = new Int32Array(n * m);
  const from = new Int32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < m; j++) {
      const k = i * m + j;
      if (same(i, j)) {
        const run = i === 0 ? 0 : ends[k - m - 1]! + CONSECUTIVE;
        const jump = i === 0 ? 0 : j >= 2 ? best[k - m - 2]! - GAP : -Infinity;
        ends[k] = gain(i, j) + Math.max(run, jump);
        from[k] = run >= jump ? j - 1 : bestAt[k - m - 2]!;
      }
      const before = j > i ? best[k - 1]! : -Infinity;
      best[k] = Math.max(before, ends[k]!);
      bestAt[k] = ends[k]! > before ? j : bestAt[k - 1]!;
    }
  }
  const score = best[n * m - 1]!;
  if (score === -Infinity) return null;
  const positions = new Array<number>(n);
  for (let i = n - 1, j = bestAt[n * m - 1]!; i >= 0; j = from[i * m + j]!, i--) positions[i] = j;
  return { score: score - m * LENGTH, positions };
}

export interface Candidate<T> { item: T; title: string; category: string }

/**
 * Ranks candidates for a query: matched against "category: title" and title alone (best of the two),
 * ties broken by recency (`recent`: items in most-recently-used order, first = most recent),
 * then alphabetically by title. With an empty query: recently used first (in that order), then the rest by category then title.
 * Returns matches only, each with the positions in the title (for highlighting; empty when only the category matched).
 */
export function rankCommands<T>(query: string, candidates: readonly Candidate<T>[], recent: readonly T[] = []): Array<{ item: T; score: number; titlePositions: number[] }> {
  const age = new Map<T, number>();
  recent.forEach((item, i) => age.has(item) || age.set(item, i));
  const ageOf = (c: Candidate<T>): number => age.get(c.item) ?? recent.length;
  const order = (a: string, b: string): number => a.localeCompare(b, 'en');
  const ranked: Array<{ c: Candidate<T>; score: number; titlePositions: number[] }> = [];
  for (const c of candidates) {
    const prefix = `${c.category}: `;
    const alone = fuzzyMatch(query, c.title);
    const full = fuzzyMatch(query, prefix + c.title);
    if (!alone && !full) continue;
    // Highlight what the title matched by itself; else the title's share of the full match.
    const titlePositions = alone?.positions ?? full!.positions.filter((p) => p >= prefix.length).map((p) => p - prefix.length);
    ranked.push({ c, score: Math.max(alone?.score ?? -Infinity, full?.score ?? -Infinity), titlePositions });
  }
  ranked.sort((a, b) =>
    query === ''
      ? ageOf(a.c) - ageOf(b.c) || order(a.c.category, b.c.category) || order(a.c.title, b.c.title)
      : b.score - a.score || ageOf(a.c) - ageOf(b.c) || order(a.c.title, b.c.title),
  );
  return ranked.map(({ c, score, titlePositions }) => ({ item: c.item, score, titlePositions }));
}
