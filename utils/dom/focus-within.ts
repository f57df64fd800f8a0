/** Whether the focus is inside an element matching `selector` within the shadow tree that holds `inside`. */
export function focusWithin(inside: Node, selector: string): boolean {
  const root = inside.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  return !!active && !!active.closest(selector);
}
