/**
 * The text label being typed: placing it saves a new label on the frame it was opened on, or
 * the new text of the label edited. Once: a second Enter or click while it saves does
 * nothing. A failed save keeps the box open with the words in it.
 */
import { mutate } from '../model/mutate';
import type { Shape } from '../model/types';
import type { Store } from '../player/store';
import type { Build } from './changes';
import type { DrawState, Place } from './feature';

export interface LabelDeps {
  state: Store<DrawState>;
  change(label: string, id: string, build: Build): Promise<boolean>;
  create(shape: Shape, place?: Place): Promise<boolean>;
}

/** Longest label kept (the packet format's limit too). */
const MAX_LABEL = 2_000;

export function labelText({ state, change, create }: LabelDeps): () => Promise<void> {
  let finishing: Promise<void> | null = null;
  return function finishText() {
    finishing ??= (async () => {
      const t = state.get().text;
      if (!t) return;
      const text = t.draft.replace(/\s+$/, '').slice(0, MAX_LABEL);
      let ok = true; // nothing typed: nothing to keep
      if (text.trim() && t.id) {
        ok = await change('edit text', t.id, (d) => (d?.shape.tool === 'text' ? mutate(d, { shape: { ...d.shape, text } }) : null));
      } else if (text.trim()) {
        ok = await create({ tool: 'text', at: t.at, text }, t.place);
      }
      if (ok && state.get().text === t) state.set({ text: null });
    })().finally(() => {
      finishing = null;
    });
    return finishing;
  };
}
