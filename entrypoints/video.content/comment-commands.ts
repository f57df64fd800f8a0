/**
 * The comment commands' side in the page: the panel, the palette and keys act on the attached
 * video's comments through these (the panel's buttons run the commands, with the comment's id).
 */
import type { ViewState } from '../../components/overlay/overlay';
import { placeLabel } from '../../utils/comments/place-label';
import type { CommentActions } from '../../utils/commands/context';
import type { Call } from '../../utils/messaging/client';
import type { CommentAnnotation } from '../../utils/model/types';
import type { Store } from '../../utils/player/store';
import { PANEL_DOCKS, type PanelDock } from '../../utils/settings/off-site';
import type { Attached } from './attach';

export function commentActions(attached: () => Attached | null, view: Store<ViewState>, call: Call, docked: () => PanelDock): CommentActions {
  const showPanel = () => view.set({ comments: true, collapsed: false, help: false });
  /** The attached video's comment `id`, not deleted; the panel opens on it. */
  const target = (id: string) => {
    const a = attached();
    const comment = a?.comments.book.state.get().all.find((c) => c.id === id && !c.deleted);
    if (!a || !comment) throw new Error('That comment is gone');
    showPanel();
    return { a, comment };
  };
  const mine = (c: CommentAnnotation) => {
    const me = attached()?.annotations.state.get().me;
    return !me || c.author.id === me.id;
  };
  return {
    add: (range) => void attached()?.comments.add(range),
    togglePanel: () => view.set({ comments: !view.get().comments, collapsed: false, help: false }),
    toggleCollapsed: () => view.set({ collapsed: !view.get().collapsed }),
    docked,
    async dock(place) {
      if (!(PANEL_DOCKS as readonly string[]).includes(place)) throw new Error(`"${place}" is not a place for the comment panel`);
      showPanel();
      await call('settings.setPreferences', { panelDock: place as PanelDock });
    },
    undo: () => void attached()?.comments.book.undo(),
    choices(which = 'all') {
      const a = attached();
      const rate = a?.session.state.get().rate ?? null;
      const all = a?.comments.book.state.get().all ?? [];
      const keep = (c: CommentAnnotation) =>
        !c.deleted && (which === 'mine' ? mine(c) : which === 'theirs' ? !mine(c) && !c.parentId : !c.parentId);
      return all
        .filter(keep)
        .sort((x, y) => x.time - y.time)
        .map((c) => ({
          value: c.id,
          label: (c.parentId ? '↳ ' : '') + (c.text.replace(/\s+/g, ' ').slice(0, 120) || '(no text)'),
          detail: [placeLabel(c, rate), mine(c) ? '' : c.author.name].filter(Boolean).join(' · '),
          private: true,
        }));
    },
    goTo(id) {
      const { a, comment } = target(id);
      void a.comments.seek(comment);
    },
    edit: (id) => target(id).a.comments.book.startEdit(id),
    reply: (id) => target(id).a.comments.book.startReply(id),
    // A write refused (someone else's comment, a full disk) is said in the panel, which is open.
    remove: async (id) => void (await target(id).a.comments.book.remove(id)),
    toggleResolved: async (id) => void (await target(id).a.comments.book.toggleResolved(id)),
    toggleAck: async (id) => void (await target(id).a.comments.book.toggleAck(id)),
    async linkDrawing(id) {
      const { a } = target(id);
      const drawing = a.drawings.selected();
      if (!drawing) throw new Error('Select a drawing first');
      await a.drawings.link(drawing.id, id);
    },
  };
}
