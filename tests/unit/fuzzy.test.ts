/**
 * The command palette's fuzzy matcher: rankings over a realistic command list (what a coach
 * would type and expect on top), the positions it highlights, and a seeded property run that
 * pins the matcher to plain case-insensitive subsequence matching for what it accepts.
 */
import { describe, expect, it } from 'vitest';
import { fuzzyMatch, rankCommands, type Candidate } from '../../utils/commands/fuzzy';

const COMMANDS: Array<[title: string, category: string]> = [
  ['Next frame', 'Frame'],
  ['Previous frame', 'Frame'],
  ['Play / pause', 'Playback'],
  ['Slower', 'Playback'],
  ['Faster', 'Playback'],
  ['Normal speed', 'Playback'],
  ['Set loop start (A)', 'Loop'],
  ['Set loop end (B)', 'Loop'],
  ['Clear loop', 'Loop'],
  ['Add comment', 'Comments'],
  ['Add comment over the loop', 'Comments'],
  ['Show or hide comments', 'Comments'],
  ['Undo', 'Edit'],
  ['Redo', 'Edit'],
  ['Copy frame as image', 'Edit'],
  ['Line tool', 'Draw'],
  ['Angle tool', 'Draw'],
  ['Angle to vertical tool', 'Draw'],
  ['Select tool', 'Draw'],
  ['Delete the selected drawing', 'Draw'],
  ['Next colour', 'Draw'],
  ['Thicker line', 'Draw'],
  ['Thinner line', 'Draw'],
  ['Send feedback packet', 'Packets'],
  ['Make a report', 'Packets'],
  ['Fullscreen with FrameCoach', 'View'],
  ['Show or hide the overlay', 'View'],
  ['Keyboard shortcuts', 'View'],
];
// The item is the title itself, so results read as titles.
const CANDIDATES: Candidate<string>[] = COMMANDS.map(([title, category]) => ({ item: title, title, category }));
const categoryOf = new Map(COMMANDS);

const titles = (query: string, recent?: readonly string[]): string[] => rankCommands(query, CANDIDATES, recent).map((r) => r.item);
const positionsOf = (query: string, title: string): number[] | undefined =>
  rankCommands(query, CANDIDATES).find((r) => r.item === title)?.titlePositions;
const score = (query: string, text: string): number => fuzzyMatch(query, text)?.score ?? Number.NaN;

describe('fuzzyMatch', () => {
  it('matches everything with score 0 and no positions for an empty query', () => {
    expect(fuzzyMatch('', 'Next frame')).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch('', '')).toEqual({ score: 0, positions: [] });
  });

  it.each([
    ['emarf txen', 'Next frame'], // every character is there, in the wrong order
    ['xyz', 'Next frame'],
    ['nff', 'Next frame'], // one f too many
    ['a', ''],
  ])('does not match %j in %j', (query, text) => {
    expect(fuzzyMatch(query, text)).toBeNull();
  });

  it('finds the best alignment, not the first: "st" is the start of "start", not S…t of "Set"', () => {
    expect(fuzzyMatch('st', 'Set loop start')?.positions).toEqual([9, 10]);
    expect(fuzzyMatch('ST', 'Set loop start')?.positions).toEqual([9, 10]);
  });

  it.each([' ', '-', '_', '.', '/', ':', '('])('counts a character after %j as a word start', (sep) => {
    // An earlier mid-word "b" is skipped for the one that starts a word.
    expect(fuzzyMatch('b', `ab${sep}b`)?.positions).toEqual([3]);
  });

  it('counts a camelCase hump as a word start', () => {
    expect(fuzzyMatch('c', 'accCoach')?.positions).toEqual([3]);
    expect(fuzzyMatch('fc', 'FrameCoach')?.positions).toEqual([0, 5]);
  });

  it('ranks an exact prefix above word starts and contiguous runs elsewhere', () => {
    expect(fuzzyMatch('ab', 'Ab Bc')?.positions).toEqual([0, 1]);
    expect(score('line', 'Line tool')).toBeGreaterThan(score('line', 'Thicker line'));
    expect(score('set', 'Set loop end (B)')).toBeGreaterThan(score('set', 'Reset'));
  });

  it('ranks word starts and contiguous runs above scattered matches', () => {
    expect(score('comm', 'Add comment')).toBeGreaterThan(score('comm', 'Copy frame as image'));
    expect(score('nf', 'Next frame')).toBeGreaterThan(score('nf', 'Send feedback'));
  });

  it('lets a shorter text win a tie, slightly', () => {
    expect(score('loop', 'Clear loop')).toBeGreaterThan(score('loop', 'Clear loop now'));
    expect(score('loop', 'Clear loop') - score('loop', 'Clear loop now')).toBeLessThan(1);
  });

  it('is case-insensitive, with a little more for the exact case', () => {
    for (const query of ['next', 'NEXT', 'Next', 'nExT']) {
      expect(fuzzyMatch(query, 'Next frame')?.positions).toEqual([0, 1, 2, 3]);
    }
    expect(score('Next', 'Next frame')).toBeGreaterThan(score('nEXT', 'Next frame'));
    // …but never enough to beat a word start.
    expect(fuzzyMatch('T', 'ST t')?.positions).toEqual([3]);
  });
});

describe('rankCommands', () => {
  it.each([
    ['nf', ['Next frame']],
    ['pf', ['Previous frame']],
    ['atv', ['Angle to vertical tool']],
    ['comm', ['Add comment']],
    ['ang', ['Angle tool', 'Angle to vertical tool']], // the shorter first
    ['line', ['Line tool', 'Thicker line', 'Thinner line']], // prefix first; then a tie, alphabetical
    ['fc', ['Fullscreen with FrameCoach']],
    ['draw line', ['Line tool']], // through the category
    ['Draw: li', ['Line tool']],
    ['show', ['Show or hide comments', 'Show or hide the overlay']],
  ])('ranks %j: %j first', (query, first) => {
    expect(titles(query).slice(0, first.length)).toEqual(first);
  });

  it('puts the loop commands before "Add comment over the loop" for "loop"', () => {
    const ranked = titles('loop');
    expect(ranked.slice(0, 3).sort()).toEqual(['Clear loop', 'Set loop end (B)', 'Set loop start (A)']);
    expect(ranked[3]).toBe('Add comment over the loop');
  });

  it('puts contiguous matches for "comm" above the scattered one', () => {
    expect(titles('comm')).toEqual(['Add comment', 'Show or hide comments', 'Add comment over the loop', 'Copy frame as image']);
    expect(positionsOf('comm', 'Copy frame as image')).toEqual([0, 1, 8, 15]);
  });

  it('finds both angle tools for "ang", well ahead of anything scattered', () => {
    const [tool, vertical, ...rest] = rankCommands('ang', CANDIDATES);
    expect([tool?.item, vertical?.item]).toEqual(['Angle tool', 'Angle to vertical tool']);
    expect(rest.every((r) => r.score < vertical!.score - 8)).toBe(true);
  });

  it('returns nothing for a query no command matches', () => {
    expect(rankCommands('xyz', CANDIDATES)).toEqual([]);
    expect(rankCommands('emarf txen', CANDIDATES)).toEqual([]);
  });

  it('is case-insensitive', () => {
    expect(titles('NEXT FRAME')).toEqual(titles('next frame'));
    expect(titles('NeXt FrAmE')[0]).toBe('Next frame');
    expect(titles('ATV')[0]).toBe('Angle to vertical tool');
  });

  it('lists recently used first (in that order), then the rest by category then title, for an empty query', () => {
    const recent = ['Undo', 'Clear loop', 'Next frame'];
    const rest = COMMANDS.filter(([title]) => !recent.includes(title))
      .sort(([ta, ca], [tb, cb]) => ca.localeCompare(cb) || ta.localeCompare(tb))
      .map(([title]) => title);
    const ranked = rankCommands('', CANDIDATES, recent);
    expect(ranked.map((r) => r.item)).toEqual([...recent, ...rest]);
    expect(rest.slice(0, 4)).toEqual(['Add comment', 'Add comment over the loop', 'Show or hide comments', 'Angle to vertical tool']);
    expect(ranked.every((r) => r.score === 0 && r.titlePositions.length === 0)).toBe(true);
    // Without a history: by category then title; an unknown recent item changes nothing.
    expect(titles('')).toEqual(titles('', ['Not a command']));
    expect(titles('').map((t) => categoryOf.get(t))).toEqual(COMMANDS.map(([, c]) => c).sort((a, b) => a.localeCompare(b)));
  });

  it('breaks ties between equal scores by recency, then alphabetically', () => {
    const er = rankCommands('er', CANDIDATES);
    const faster = er.find((r) => r.item === 'Faster');
    expect(faster?.score).toBe(er.find((r) => r.item === 'Slower')?.score);
    const order = (recent?: string[]) => titles('er', recent).filter((t) => t === 'Faster' || t === 'Slower');
    expect(order()).toEqual(['Faster', 'Slower']);
    expect(order(['Slower'])).toEqual(['Slower', 'Faster']);
    expect(order(['Undo', 'Slower', 'Faster'])).toEqual(['Slower', 'Faster']);
    expect(titles('line', ['Thinner line'])).toEqual(['Line tool', 'Thinner line', 'Thicker line']);
  });

  it('does not let recency beat a better score', () => {
    expect(titles('nf', ['Send feedback packet'])[0]).toBe('Next frame');
    expect(titles('line', ['Thicker line'])[0]).toBe('Line tool');
  });

  it('finds a command through its category', () => {
    expect(titles('draw line')[0]).toBe('Line tool');
    expect(titles('Draw: li')[0]).toBe('Line tool');
    expect(titles('packets')).toEqual(['Make a report', 'Send feedback packet']);
  });

  it.each([
    ['nf', 'Next frame', [0, 5]],
    ['pf', 'Previous frame', [0, 9]],
    ['st', 'Set loop start (A)', [9, 10]],
    ['atv', 'Angle to vertical tool', [0, 6, 9]],
    ['loop', 'Add comment over the loop', [21, 22, 23, 24]],
    ['fc', 'Fullscreen with FrameCoach', [0, 21]],
    ['Draw: li', 'Line tool', [0, 1]], // the title's share of a match through the category
    ['draw', 'Line tool', []], // only the category matched
    ['draw', 'Delete the selected drawing', [20, 21, 22, 23]],
  ])('highlights %j in %j at %j', (query, title, positions) => {
    expect(positionsOf(query, title)).toEqual(positions);
  });

  it('gives title positions that point at the query\'s characters in the title', () => {
    for (const query of ['nf', 'loop', 'ang', 'comm', 'st', 'er', 'sel', 'tool', 'draw li', 'ATV']) {
      for (const r of rankCommands(query, CANDIDATES)) {
        const p = r.titlePositions;
        expect(p.every((x, i) => x >= 0 && x < r.item.length && (i === 0 || x > p[i - 1]!))).toBe(true);
        // The title's characters at those positions are a subsequence of the query.
        expect(isSubsequence(p.map((x) => r.item[x]).join(''), query)).toBe(true);
      }
    }
  });
});

/** The plain reference: are query's characters all in text, in order (case-insensitive)? */
function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < query.length; j++) {
    if (query.charAt(i).toLowerCase() === text.charAt(j).toLowerCase()) i++;
  }
  return i === query.length;
}

describe('fuzzyMatch properties (seeded)', () => {
  let seed = 20240607;
  const rand = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = (chars: string): string => chars.charAt(Math.floor(rand() * chars.length));
  const ALPHABET = 'abcABC -_./:(xX';
  const pairs = Array.from({ length: 200 }, () => {
    const text = Array.from({ length: Math.floor(rand() * 30) }, () => pick(ALPHABET)).join('');
    let query: string;
    if (rand() < 0.5) {
      // A subsequence of the text, with its case flipped at random.
      query = [...text].filter(() => rand() < 0.3).map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
    } else {
      query = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(ALPHABET)).join('');
    }
    return { query, text };
  });

  it('covers both outcomes', () => {
    const matched = pairs.filter(({ query, text }) => isSubsequence(query, text)).length;
    expect(matched).toBeGreaterThan(50);
    expect(matched).toBeLessThan(200);
  });

  it('returns null exactly when the query is not a subsequence of the text', () => {
    for (const { query, text } of pairs) {
      expect(fuzzyMatch(query, text) !== null, JSON.stringify({ query, text })).toBe(isSubsequence(query, text));
    }
  });

  it('gives strictly increasing positions, within the text, on the query\'s characters', () => {
    for (const { query, text } of pairs) {
      const match = fuzzyMatch(query, text);
      if (!match) continue;
      const { positions } = match;
      const where = JSON.stringify({ query, text, positions });
      expect(Number.isFinite(match.score), where).toBe(true);
      expect(positions.length, where).toBe(query.length);
      positions.forEach((p, i) => {
        expect(p >= 0 && p < text.length && (i === 0 || p > positions[i - 1]!), where).toBe(true);
        expect(text.charAt(p).toLowerCase(), where).toBe(query.charAt(i).toLowerCase());
      });
    }
  });
});
