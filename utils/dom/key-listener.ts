import { chordOf } from '../commands/keys';

const TEXT_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** True for anything a person types into: inputs (ours or the page's) are never commands. */
export function isEditableTarget(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  return TEXT_TAGS.has(element.tagName.toUpperCase()) || element.isContentEditable === true;
}

/**
 * One capture-phase keydown listener on the window, registered before the page's scripts
 * (the content script runs at document_start). `handle` returns true when a command ran;
 * only then is the key kept from the page (and its keyup/keypress, so a site that acts on
 * those does not act twice).
 */
export interface OwnUi {
  /**
   * The element in FrameCoach's own UI a key is for (the focused one), or null when the key
   * isn't typed there. Read from our shadow root: a closed root hides it from the event's path.
   */
  target(event: Event): Element | null;
  /** Our UI's own key handling (Enter to save, Escape to cancel, …) for a key typed at `target`. */
  onKey(event: KeyboardEvent, target: Element): void;
}

export function listenForKeys(
  win: Window,
  handle: (chord: string, event: KeyboardEvent) => boolean,
  signal: AbortSignal,
  own?: OwnUi,
): void {
  const swallowed = new Set<string>();
  const stop = (event: KeyboardEvent) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  win.addEventListener(
    'keydown',
    (event) => {
      // A new press starts afresh: a keyup lost earlier (focus left the window) must not
      // swallow this press's keypress and keyup, e.g. typed into an input.
      swallowed.delete(event.code || event.key);
      // Typing in our own editor: the page must not see it (YouTube would take `k` as
      // play/pause), so it stops here, and our UI gets it straight from this listener.
      const mine = own?.target(event);
      if (mine) {
        event.stopImmediatePropagation();
        // A key a script made up and aimed at our host is never ours to act on.
        if (!event.isTrusted) return;
        if (!event.isComposing && event.keyCode !== 229) own!.onKey(event, mine);
        if (!event.defaultPrevented && !isEditableTarget(mine)) {
          const chord = chordOf(event);
          if (chord && handle(chord, event)) event.preventDefault();
        }
        return;
      }
      if (event.isComposing || event.keyCode === 229) return;
      if (isEditableTarget(event.composedPath()[0] ?? event.target)) return;
      const chord = chordOf(event);
      if (!chord || !handle(chord, event)) return;
      stop(event);
      swallowed.add(event.code || event.key);
    },
    { capture: true, signal },
  );
  const swallow = (event: KeyboardEvent) => {
    if (own?.target(event)) {
      event.stopImmediatePropagation();
      return;
    }
    if (!swallowed.has(event.code || event.key)) return;
    if (event.type === 'keyup') swallowed.delete(event.code || event.key);
    stop(event);
  };
  win.addEventListener('keypress', swallow, { capture: true, signal });
  win.addEventListener('keyup', swallow, { capture: true, signal });
}
