// @vitest-environment happy-dom
/**
 * The comment box's type-ahead (components/overlay/private-field.tsx over
 * utils/dom/private-field.ts): keys typed while its frame has not answered go into the draft,
 * in order, however the renders that follow them fall between the keys.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', () => ({ browser: { runtime: { id: 'fc', getURL: (path: string) => `chrome-extension://fc${path}` } } }));
const { PrivateField } = await import('../../components/overlay/private-field');
const { typeAhead } = await import('../../utils/dom/private-field');

// The frame never loads here (happy-dom loads no frame's page, and prints that it does not):
// the field has not answered, as in the moment after `c`.
let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

/** The comment editor's owner, in short: the draft follows the field, and the field shows the draft. */
function openEditor(first: string) {
  const drafts: string[] = [];
  function Owner() {
    const [draft, setDraft] = useState(first);
    return (
      <PrivateField
        class="fc-textarea"
        multiline
        typeAhead="comment"
        label="New comment"
        placeholder=""
        value={draft}
        onInput={(text) => {
          drafts.push(text);
          setDraft(text);
        }}
      />
    );
  }
  root = document.createElement('div');
  document.body.append(root);
  render(<Owner />, root);
  return drafts;
}
const microtasks = () => Promise.resolve();
/** Long enough for the effects that wait for a paint (Preact's fallback is 100 ms). */
const painted = () => new Promise((done) => setTimeout(done, 150));

describe('keys typed ahead into a comment box that has not answered', () => {
  it('stay, in order, when they come before the paint after the box was made (round 14: "Scond video", an earlier "nee over toe")', async () => {
    const drafts = openEditor('');
    // A busy machine: the keys come before the effects that wait for the paint.
    typeAhead('K', 0);
    await microtasks();
    typeAhead('n', 0);
    await microtasks();
    typeAhead('e', 0);
    await painted();
    typeAhead('e', 0);
    await painted();
    expect(drafts.at(-1)).toBe('Knee');
  });

  it('stay after the text the box was made with (a draft typed before it rendered)', async () => {
    const drafts = openEditor('S');
    typeAhead('e', 0);
    await microtasks();
    typeAhead('c', 0);
    await painted();
    typeAhead('o', 0);
    await painted();
    expect(drafts.at(-1)).toBe('Seco');
  });
});
