/**
 * The command palette's state and behaviour, without the DOM: what it lists for a query,
 * which row is highlighted, what Enter does (run, or ask for the command's argument).
 * The overlay renders it; keys and clicks call these functions.
 */
import { createStore, type Store } from '../player/store';
import { rankCommands } from './fuzzy';
import type { ArgumentChoice } from './registry';

export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  /** Keys bound now (the resolver's, user rules included). */
  readonly keys: readonly string[];
  /** The command asks for a value before it runs. */
  readonly takesArgument: boolean;
}

export interface PaletteItem {
  /** A command id, or the argument's value while asking for one. */
  readonly value: string;
  readonly label: string;
  /** Indexes into `label` the query matched, for highlighting. */
  readonly positions: readonly number[];
  readonly category?: string;
  readonly detail?: string;
  readonly keys?: readonly string[];
  readonly color?: string;
  readonly takesArgument?: boolean;
  /** The label is the coach's words: painted so the page can't search for them. */
  readonly private?: boolean;
}

export interface Asking {
  readonly command: string;
  readonly title: string;
  readonly prompt: string;
  readonly empty: string;
  readonly choices: readonly ArgumentChoice[];
}

export interface PaletteState {
  readonly open: boolean;
  readonly query: string;
  /** The highlighted row (into the items for the query). */
  readonly index: number;
  /** Set while the palette asks for a command's argument. */
  readonly asking: Asking | null;
  /** Recently run commands, most recent first (listed first with an empty query). */
  readonly recent: readonly string[];
}

export const RECENT_MAX = 20;

/** The rows for a state: commands ranked by the query (recent first when empty), or the argument's choices. */
export function paletteItems(state: PaletteState, commands: readonly PaletteCommand[]): PaletteItem[] {
  const { asking, query } = state;
  if (asking) {
    if (!query.trim()) return asking.choices.map((c) => ({ ...c, positions: [] }));
    const candidates = asking.choices.map((c) => ({ item: c, title: c.label, category: c.detail ?? '' }));
    return rankCommands(query.trim(), candidates).map(({ item, titlePositions }) => ({ ...item, positions: titlePositions }));
  }
  const byId = new Map(commands.map((c) => [c.id, c]));
  const recent = state.recent.flatMap((id) => byId.get(id) ?? []);
  const candidates = commands.map((c) => ({ item: c, title: c.title, category: c.category }));
  return rankCommands(query.trim(), candidates, recent).map(({ item, titlePositions }) => ({
    value: item.id,
    label: item.title,
    positions: titlePositions,
    category: item.category,
    keys: item.keys,
    takesArgument: item.takesArgument,
  }));
}

/** `id` moved to the front of the recent list (once), at most RECENT_MAX long. */
export function withRecent(recent: readonly string[], id: string): string[] {
  return [id, ...recent.filter((r) => r !== id)].slice(0, RECENT_MAX);
}

export interface PaletteDeps {
  /** The commands enabled now (the palette's own excluded). */
  commands(): readonly PaletteCommand[];
  /** What command `id` asks for, with its choices now; null when it takes no argument. */
  asking(id: string): Asking | null;
  /** Runs a command (with its argument) as a key would. */
  run(id: string, arg?: string): void;
  /** A command was run from the palette (to remember it as recent). */
  used?(id: string): void;
  /**
   * Types `text` (after deleting `back` characters) into the palette's text box where the
   * coach's typing there began (keys handed over from another frame can arrive after some
   * typed in the box itself): false when the box can't take it, and the query changes here.
   */
  typeIntoBox?(text: string, back: number): boolean;
}

export interface Palette {
  readonly state: Store<PaletteState>;
  open(): void;
  /** Opens straight at command `id`'s argument. */
  ask(id: string): void;
  close(): void;
  setQuery(query: string): void;
  /** Moves the highlight by `delta` rows (wrapping), or to the first/last with ±Infinity. */
  move(delta: number): void;
  /** Runs the highlighted row (or row `index`): a command, its argument, or asks for the argument. */
  accept(index?: number): void;
  items(): PaletteItem[];
  setRecent(recent: readonly string[]): void;
  /**
   * A key typed while the palette is open but before its text box has the focus (typed
   * straight on after the key that opened it, or handed over from another frame): text goes
   * into the query (through the box, when it takes it: `typeIntoBox`), arrows and Enter act.
   * True when the palette took it.
   */
  typeAhead(key: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean;
}

const CLOSED = { open: false, query: '', index: 0, asking: null } as const;

export function createPalette(deps: PaletteDeps): Palette {
  const state = createStore<PaletteState>({ ...CLOSED, recent: [] });
  const items = () => paletteItems(state.get(), deps.commands());
  const close = () => state.set(CLOSED);
  const remember = (id: string) => {
    state.set({ recent: withRecent(state.get().recent, id) });
    deps.used?.(id);
  };
  const palette: Palette = {
    state,
    items,
    open: () => state.set({ open: true, query: '', index: 0, asking: null }),
    ask(id) {
      const asking = deps.asking(id);
      if (asking) state.set({ open: true, query: '', index: 0, asking });
    },
    close,
    setQuery: (query) => state.set({ query, index: 0 }),
    move(delta) {
      const count = items().length;
      if (!count) return;
      const { index } = state.get();
      const next = delta === Infinity ? count - 1 : delta === -Infinity ? 0 : (((index + delta) % count) + count) % count;
      state.set({ index: next });
    },
    accept(index = state.get().index) {
      const item = items()[index];
      if (!item) return;
      const { asking } = state.get();
      if (asking) {
        close();
        remember(asking.command);
        deps.run(asking.command, item.value);
        return;
      }
      if (item.takesArgument) {
        const next = deps.asking(item.value);
        if (next) {
          state.set({ query: '', index: 0, asking: next });
          return;
        }
      }
      close();
      remember(item.value);
      deps.run(item.value);
    },
    setRecent: (recent) => state.set({ recent: [...recent].slice(0, RECENT_MAX) }),
    typeAhead(event) {
      if (!state.get().open || event.ctrlKey || event.metaKey) return false;
      const { query } = state.get();
      // Text goes where the box's own began (the box reports the query back), else on the end here.
      if (event.key.length === 1 && !event.altKey) {
        if (!deps.typeIntoBox?.(event.key, 0)) state.set({ query: query + event.key, index: 0 });
      } else if (event.key === 'Backspace') {
        if (!deps.typeIntoBox?.('', 1)) state.set({ query: query.slice(0, -1), index: 0 });
      } else if (event.key === 'Enter') palette.accept();
      else if (event.key === 'Escape') close();
      else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') palette.move(event.key === 'ArrowDown' ? 1 : -1);
      else return false;
      return true;
    },
  };
  return palette;
}
