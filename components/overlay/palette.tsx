import { Fragment, type ComponentChild } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { chordLabel } from '../../utils/commands/keys';
import type { Palette, PaletteItem } from '../../utils/commands/palette';
import { PrivateText } from '../comments/private-text';
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

/** Keys typed in the palette's text box: arrows move, Enter runs, Escape closes, the rest is text. */
export function paletteKey(palette: Palette, event: KeyboardEvent): void {
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 };
  if (event.key in moves) palette.move(moves[event.key]!);
  else if (event.key === 'Enter') palette.accept();
  else if (event.key === 'Escape') palette.close();
  // Tab stays in the palette (it is a single text box with a list).
  else if (event.key !== 'Tab') return;
  event.preventDefault();
}

/**
 * VS Code's command palette over the video: type to filter, arrows move, Enter runs,
 * Escape closes. Keys reach it from the content script's one key listener (palette.ts).
 */
export function CommandPalette({ palette, ownKeys = false }: {
  palette: Palette;
  /** On the extension's pages the palette hears its keys itself (over a video, the one key listener hands them over). */
  ownKeys?: boolean;
}) {
  const state = useStore(palette.state);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    // Where the focus was (deep in shadow roots too), to give it back on close: in our own
    // (closed) shadow root, else in the page.
    const root = input.current?.getRootNode() as Document | ShadowRoot | undefined;
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
  return (
    <div
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
      <input
        ref={input}
        class="fc-palette-input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length ? optionId(Math.min(state.index, items.length - 1)) : undefined}
        aria-label={placeholder}
        placeholder={placeholder}
        spellcheck={false}
        autocomplete="off"
        value={state.query}
        onInput={(event) => palette.setQuery((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={ownKeys ? (event) => paletteKey(palette, event) : undefined}
      />
      <ul ref={list} id={listId} class="fc-palette-list" role="listbox" aria-label={asking ? asking.prompt : 'Commands'}>
        {items.map((item, i) => (
          <Row key={item.value} item={item} id={optionId(i)} selected={i === state.index} onPick={() => palette.accept(i)} />
        ))}
      </ul>
      {!items.length && (
        <div class="fc-palette-empty" role="status">
          {asking && !state.query ? asking.empty : state.query ? `Nothing matches “${state.query}”` : 'No commands here now'}
        </div>
      )}
    </div>
  );
}
