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
export function listenForKeys(
  win: Window,
  handle: (chord: string, event: KeyboardEvent) => boolean,
  signal: AbortSignal,
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
    if (!swallowed.has(event.code || event.key)) return;
    if (event.type === 'keyup') swallowed.delete(event.code || event.key);
    stop(event);
  };
  win.addEventListener('keypress', swallow, { capture: true, signal });
  win.addEventListener('keyup', swallow, { capture: true, signal });
}
