/**
 * The rows of the keybindings table and its search (pure: no Preact, no DOM). One row per
 * binding in force, plus one for each command with no key; a query matches the title and
 * category fuzzily (as the palette does), the command id, or the key.
 */
import type { Binding, CommandInfo } from './conflicts';
import { rankCommands } from './fuzzy';
import { chordLabel, normalizeChord } from './keys';

export interface Row<C extends CommandInfo = CommandInfo> {
  readonly command: C;
  /** null: the command has no key. */
  readonly binding: Binding | null;
}

/** A stable key for a row (Preact's `key`, focus after a change). */
export const rowId = (row: Row): string => `${row.command.id}|${row.binding?.key ?? ''}|${row.binding?.rule ?? 'default'}`;

const rowsOf = <C extends CommandInfo>(command: C, bindings: readonly Binding[]): Row<C>[] => {
  const own = bindings.filter((b) => b.command === command.id);
  return own.length ? own.map((binding) => ({ command, binding })) : [{ command, binding: null }];
};

/** Does the query name this key: `shift+f`, `Shift+F`, a label (`Shift+→`), or part of one. */
function keyMatches(query: string, key: string): 'exact' | 'part' | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  if (normalizeChord(q) === key || chordLabel(key).toLowerCase() === q) return 'exact';
  // Parts only from two characters on: one letter would match half the keys.
  return q.length > 1 && (key.includes(q) || chordLabel(key).toLowerCase().includes(q)) ? 'part' : null;
}

/**
 * The rows for a query. Empty query: every command by category then title. Otherwise rows
 * whose key is the query first, then commands by fuzzy rank (all their rows), then commands
 * whose id contains it, then rows whose key contains it.
 */
export function searchRows<C extends CommandInfo>(query: string, commands: readonly C[], bindings: readonly Binding[]): Row<C>[] {
  const q = query.trim();
  const ranked = rankCommands(q, commands.map((c) => ({ item: c, title: c.title, category: c.category })));
  if (!q) return ranked.flatMap(({ item }) => rowsOf(item, bindings));
  const all = commands.flatMap((c) => rowsOf(c, bindings));
  const lower = q.toLowerCase();
  const out: Row<C>[] = [];
  const seen = new Set<string>();
  const add = (row: Row<C>) => {
    const id = rowId(row);
    if (seen.has(id)) return;
    seen.add(id);
    out.push(row);
  };
  all.filter((r) => r.binding && keyMatches(q, r.binding.key) === 'exact').forEach(add);
  ranked.forEach(({ item }) => rowsOf(item, bindings).forEach(add));
  all.filter((r) => r.command.id.toLowerCase().includes(lower)).forEach(add);
  all.filter((r) => r.binding && keyMatches(q, r.binding.key) === 'part').forEach(add);
  return out;
}
