/**
 * Text the coach wrote, shown so the page under the overlay can't search for it: the words
 * are painted by CSS from an attribute (`.fc-private::before { content: attr(data-text) }`,
 * overlay.css), not put in the DOM as text. `window.find()` and the selection search only text
 * nodes, closed shadow roots included, so a page could otherwise test whether a word is in
 * the comment panel. Screen readers still read it (generated content is in the accessibility
 * tree); it can't be selected or copied from the list (the editor has it as text).
 */
export function PrivateText({ class: kind, text }: { class: string; text: string }) {
  return <span class={`${kind} fc-private`} data-text={text} />;
}
