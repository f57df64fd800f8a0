import { Fragment, type ComponentChild } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { chordLabel } from '../../utils/commands/keys';
import type { Palette, PaletteItem } from '../../utils/commands/palette';
import { PrivateText } from '../comments/private-text';
import { PrivateField, type FieldControl } from './private-field';
import { useStore } from './use-store';

/** A label cut where the query's matches start and end: runs marked or not. */
function runs(text: string, positions: readonly number[]): { text: string; marked: boolean }[] {
  const at = new Set(positions);
  const out: { text: string; marked: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const marked = at.has(i);
    const last = out[out.length - 1];
    if (last && last.marked === marked) last.text += text[i];
    else out.push({ text: text[i]!, marked });
  }
  return out;
}

/**
 * The label with the characters the query matched marked. A private label (the coach's words:
 * a comment picked as an argument) is painted from attributes, run by run (PrivateText).
 */
function Highlighted({ text, positions, private: hidden }: { text: string; positions: readonly number[]; private?: boolean }) {
  const parts: ComponentChild[] = runs(text, positions).map((run, i) => {
    const body = hidden ? <PrivateText class="fc-run" text={run.text} /> : run.text;
    return run.marked ? <mark key={i}>{body}</mark> : <Fragment key={i}>{body}</Fragment>;
  });
  return <>{parts}</>;
}

function Row({ item, id, selected, onPick }: { item: PaletteItem; id: string; selected: boolean; onPick(): void }) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      class={selected ? 'fc-palette-row fc-selected' : 'fc-palette-row'}
      data-value={item.value}
      // Reachable by a screen reader's cursor, not by Tab: the arrows in the text box choose. (The
      // text box over a video is in a frame, so the list can't be declared its popup.)
      tabIndex={-1}
      // Keep the focus in the text box: a click runs the row, it does not move the focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
    >
      {item.color && <span class="fc-palette-swatch" style={{ background: item.color }} aria-hidden="true" />}
      {item.category && <span class="fc-palette-category">{item.category}: </span>}
      <span class="fc-palette-label">
        <Highlighted text={item.label} positions={item.positions} private={item.private} />
      </span>
      {item.detail && <span class="fc-palette-detail">{item.detail}</span>}
      <span class="fc-palette-keys">
        {(item.keys ?? []).map((k) => (
          <kbd key={k}>{chordLabel(k)}</kbd>
        ))}
      </span>
    </li>
  );
}

const MOVES: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 };
/** Keys of the palette's text box that are not text. Tab stays in the palette (a single text box with a list). */
const NAVIGATION = [...Object.keys(MOVES), 'Tab'];
const moveBy = (palette: Palette, key: string) => key in MOVES && palette.move(MOVES[key]!);

/** Keys typed in the palette's text box: arrows move, Enter runs, Escape closes, the rest is text. */
export function paletteKey(palette: Palette, event: KeyboardEvent): void {
  if (NAVIGATION.includes(event.key)) moveBy(palette, event.key);
  else if (event.key === 'Enter') palette.accept();
  else if (event.key === 'Escape') palette.close();
  else return;
  event.preventDefault();
}

/** What a screen reader says as the arrows move: the row, its key, where it is in the list. */
function rowSaid(item: PaletteItem | undefined, index: number, count: number, empty: string): string {
  if (!item) return empty;
  const keys = (item.keys ?? []).map(chordLabel).join(' or ');
  return `${item.category ? `${item.category}: ` : ''}${item.label}${item.detail ? `, ${item.detail}` : ''}${keys ? ` (key: ${keys})` : ''}, ${index + 1} of ${count}`;
}

/**
 * VS Code's command palette: type to filter, arrows move, Enter runs, Escape closes. Over a
 * video its text box is a private field (a frame of the extension's origin, issue 15: the
 * coach's query is out of the page's reach), which hands back the arrows, Enter and Escape;
 * keys typed before it has the focus reach the palette's type-ahead (utils/commands/palette.ts).
 * On the extension's own pages it is a plain text box that hears its keys itself.
 */
export function CommandPalette({ palette, ownKeys = false }: {
  palette: Palette;
  /** On an extension's page: a plain text box, its keys its own. */
  ownKeys?: boolean;
}) {
  const state = useStore(palette.state);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const opener = useRef<Element | null>(null);
  const field = useRef<FieldControl | null>(null);
  /**
   * Runs the row (the selected one by default). When that asks a question (a command's
   * argument) the private field starts it empty at once, before it reports the letters typed
   * after the Enter, which are the answer's.
   */
  const accept = (index?: number) => {
    const before = palette.state.get().asking;
    palette.accept(index);
    const now = palette.state.get();
    if (now.open && now.asking !== before) field.current?.reset(now.query);
  };
  useEffect(() => {
    // Where the focus was (deep in shadow roots too), to give it back on close: in our own
    // (closed) shadow root, else in the page.
    const root = box.current?.getRootNode() as Document | ShadowRoot | undefined;
    let active: Element | null = root?.activeElement ?? document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    opener.current = active;
    input.current?.focus();
    return () => {
      const back = opener.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    };
  }, []);
  // A new question (the argument) starts a new text.
  useEffect(() => input.current?.focus(), [state.asking]);
  useEffect(() => {
    list.current?.querySelector('.fc-selected')?.scrollIntoView({ block: 'nearest' });
  }, [state.index, state.query, state.asking]);
  const items = palette.items();
  const listId = 'fc-palette-list';
  const optionId = (i: number) => `fc-palette-option-${i}`;
  const asking = state.asking;
  const placeholder = asking ? asking.prompt : 'Type a command (↑↓ to choose, Enter to run, Esc to close)';
  const selected = Math.min(state.index, items.length - 1);
  const emptyText = asking && !state.query ? asking.empty : state.query ? 'Nothing matches' : 'No commands here now';
  return (
    <div
      ref={box}
      class="fc-palette"
      role="dialog"
      aria-label={asking ? asking.title : 'Command palette'}
      onFocusOut={(event) => {
        // Closed when the focus leaves it (a click on the page), as in VS Code.
        const next = event.relatedTarget as Node | null;
        if (!next || !(event.currentTarget as HTMLElement).contains(next)) palette.close();
      }}
    >
      {asking && <div class="fc-palette-title">{asking.title.replace(/…$/, '')}</div>}
      {ownKeys ? (
        <input
          ref={input}
          class="fc-palette-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(selected) : undefined}
          aria-label={placeholder}
          placeholder={placeholder}
          spellcheck={false}
          autocomplete="off"
          value={state.query}
          onInput={(event) => palette.setQuery((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={(event) => paletteKey(palette, event)}
        />
      ) : (
        // The row the arrows select is said from within the field: aria-activedescendant can't
        // point from a frame into the overlay.
        <PrivateField
          class="fc-palette-input"
          value={state.query}
          label={placeholder}
          placeholder={placeholder}
          focusKey={asking ?? palette}
          keys={NAVIGATION}
          typeAhead="palette"
          status={rowSaid(items[selected], selected, items.length, emptyText)}
          onInput={palette.setQuery}
          onKey={(key) => moveBy(palette, key)}
          control={field}
          onSubmit={() => accept()}
          onCancel={palette.close}
        />
      )}
      <ul ref={list} id={listId} class="fc-palette-list" role="listbox" aria-label={asking ? asking.prompt : 'Commands'}>
        {items.map((item, i) => (
          <Row key={item.value} item={item} id={optionId(i)} selected={i === state.index} onPick={() => accept(i)} />
        ))}
      </ul>
      {!items.length && (
        <div class="fc-palette-empty" role="status">
          {emptyText}
          {/* The coach's query, painted (private-text.tsx). */}
          {state.query && (
            <>
              {' '}
              “<PrivateText class="fc-empty-query" text={state.query} />”
            </>
          )}
        </div>
      )}
    </div>
  );
}
