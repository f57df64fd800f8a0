/**
 * What the coach types into FrameCoach's fields must not reach the page's scripts. A closed
 * shadow root hides the fields themselves, but some events cross the shadow boundary
 * (`composed`) with the text in them: `beforeinput` and `input` carry each typed character,
 * composition events what an input method composes, and clipboard events what is pasted. Key
 * events are kept by the key listener (key-listener.ts), on the same principle.
 *
 * The page would hear them on the window first, in the capture phase. These listeners are
 * there before any page script (the content script runs at document_start), so they hear
 * such an event first: when it is for FrameCoach's UI, it stops there, and a copy that can't
 * leave the shadow root (`composed: false`) goes to the element it was for. The browser's own
 * work (the character inserted, the paste) still happens: stopping an event doesn't cancel
 * it, and our handlers' `preventDefault` on the copy is passed back to the original.
 *
 * The same holds for the pointer over the drawing canvas (see POINTER_EVENTS).
 */

/**
 * Pointer events on FrameCoach's UI: over the drawing canvas their positions are the drawing,
 * and a page that stops every click at its window would leave our buttons dead. They stay in
 * the shadow root too. The touch and wheel kinds are only stopped (nothing of ours listens to
 * them; scrolling still happens).
 */
export const POINTER_EVENTS = [
  'pointerdown',
  'pointermove',
  'pointerup',
  'pointercancel',
  'pointerover',
  'pointerout',
  'pointerenter',
  'pointerleave',
  'gotpointercapture',
  'lostpointercapture',
  'mousedown',
  'mousemove',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'wheel',
  'touchstart',
  'touchmove',
  'touchend',
  'touchcancel',
] as const;

/** Composed events that carry text typed, composed or pasted. */
export const TEXT_EVENTS = [
  'beforeinput',
  'input',
  'textInput',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'copy',
  'cut',
  'paste',
] as const;

/** The element in FrameCoach's UI that `event` is for (the focused field), or null when the event isn't ours. */
export type OwnTarget = (event: Event) => Element | null;

/** What the pointer events' target is read from: the overlay's host and its shadow root, while a video has one. */
export interface OverlayRoot {
  host: Element;
  shadow: ShadowRoot;
}

/** The canvas a drawing tool is active on (the one that takes the pointer then). */
const ACTIVE_CANVAS = '.fc-canvas.fc-drawing';

/**
 * The element of our UI a pointer event is for. A stroke begun on the drawing canvas is the
 * canvas's to its end (it has the pointer captured; the click that ends it may be anywhere);
 * a click from the keyboard (Enter or Space on a button) is the focused element's; anything
 * else is for the element under the pointer. Null when the event isn't on our UI.
 */
export function ownPointer(overlay: () => OverlayRoot | null): OwnTarget {
  const strokes = new Set<number>();
  return (event) => {
    const root = overlay();
    if (!root || !event.composedPath().includes(root.host)) return null;
    const { pointerId, clientX, clientY, detail } = event as PointerEvent;
    const canvas = root.shadow.querySelector(ACTIVE_CANVAS);
    if (!canvas) strokes.clear();
    else if (pointerId !== undefined && (strokes.has(pointerId) || canvas.hasPointerCapture(pointerId))) {
      if (event.type === 'click' || event.type === 'pointercancel') strokes.delete(pointerId);
      return canvas;
    }
    if (event.type === 'click' && detail === 0) return root.shadow.activeElement;
    if (clientX === undefined) return null;
    const under = root.shadow.elementFromPoint(clientX, clientY);
    if (under && under === canvas && event.type === 'pointerdown' && pointerId !== undefined) strokes.add(pointerId);
    return under;
  };
}

/** Keeps events of `types` that are for FrameCoach's UI (`own` says which element) from the page's listeners. */
export function keepPrivate(win: Window, types: readonly string[], own: OwnTarget, signal: AbortSignal): void {
  const keep = (event: Event) => {
    const target = own(event);
    if (!target) return;
    event.stopImmediatePropagation();
    // Made up by a script (only the page can aim one at our host): never handed to our UI.
    if (!event.isTrusted) return;
    const copy = privateCopy(event);
    if (!copy) return;
    // A click's activation (a checkbox's toggle, a label's click on its control) comes with the
    // copy: the original's is cancelled, or it would happen twice.
    if (event.type === 'click') event.preventDefault();
    target.dispatchEvent(copy);
    if (copy.defaultPrevented) event.preventDefault();
  };
  for (const type of types) win.addEventListener(type, keep, { capture: true, signal });
}

/** `event` as one that stays inside the shadow root it is dispatched in; null for kinds no one of ours hears (the legacy `textInput`, touch, wheel). */
export function privateCopy(event: Event): Event | null {
  const init = { bubbles: event.bubbles, cancelable: event.cancelable, composed: false };
  if (event.type === 'textInput' || event.type === 'wheel' || event.type.startsWith('touch')) return null;
  if (typeof MouseEvent !== 'undefined' && event instanceof MouseEvent) {
    const { detail, screenX, screenY, clientX, clientY, ctrlKey, shiftKey, altKey, metaKey, button, buttons } = event;
    const mouse = { ...init, detail, screenX, screenY, clientX, clientY, ctrlKey, shiftKey, altKey, metaKey, button, buttons };
    if (typeof PointerEvent !== 'undefined' && event instanceof PointerEvent) {
      const { pointerId, width, height, pressure, tangentialPressure, tiltX, tiltY, twist, pointerType, isPrimary } = event;
      return new PointerEvent(event.type, { ...mouse, pointerId, width, height, pressure, tangentialPressure, tiltX, tiltY, twist, pointerType, isPrimary });
    }
    return new MouseEvent(event.type, mouse);
  }
  if (typeof InputEvent !== 'undefined' && event instanceof InputEvent) {
    return new InputEvent(event.type, { ...init, data: event.data, inputType: event.inputType, isComposing: event.isComposing, dataTransfer: event.dataTransfer });
  }
  if (typeof CompositionEvent !== 'undefined' && event instanceof CompositionEvent) return new CompositionEvent(event.type, { ...init, data: event.data });
  if (typeof ClipboardEvent !== 'undefined' && event instanceof ClipboardEvent) return new ClipboardEvent(event.type, { ...init, clipboardData: event.clipboardData });
  // `input` from a select or a range is a plain Event.
  return new Event(event.type, init);
}
