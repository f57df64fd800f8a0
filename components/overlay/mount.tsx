import { render } from 'preact';
import { Overlay, type OverlayProps } from './overlay';

/** Renders the overlay into an element (inside our shadow root); returns the unmount. */
export function mountOverlay(container: HTMLElement, props: OverlayProps): () => void {
  render(<Overlay {...props} />, container);
  return () => render(null, container);
}
