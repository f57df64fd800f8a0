import { useEffect, useMemo, useRef } from 'preact/hooks';
import { chordOf } from '../../utils/commands/keys';
import { createPalette, type Asking } from '../../utils/commands/palette';
import type { ArgumentChoice } from '../../utils/commands/registry';
import { isEditableTarget } from '../../utils/dom/key-listener';
import { CommandPalette } from '../overlay/palette';
import { useStore } from '../overlay/use-store';

/** A command of one of FrameCoach's own pages (the library, the settings). */
export interface PageCommand {
  id: string;
  title: string;
  category: string;
  /** What it asks for first, if anything. */
  argument?: { prompt: string; empty: string; choices(): readonly ArgumentChoice[] };
  run(arg?: string): void;
}

/**
 * The command palette on an extension page: the same palette as over a video, opened by the
 * key bound to "Show all commands" (`openKeys`: page-keys.ts's `keysFor('view.palette')`), listing
 * this page's commands.
 */
export function PagePalette({ commands, openKeys }: { commands: readonly PageCommand[]; openKeys: readonly string[] }) {
  const latest = useRef(commands);
  latest.current = commands;
  const palette = useMemo(
    () =>
      createPalette({
        commands: () => latest.current.map((c) => ({ id: c.id, title: c.title, category: c.category, keys: [], takesArgument: !!c.argument })),
        asking(id): Asking | null {
          const c = latest.current.find((x) => x.id === id);
          return c?.argument ? { command: id, title: c.title, prompt: c.argument.prompt, empty: c.argument.empty, choices: c.argument.choices() } : null;
        },
        run: (id, arg) => latest.current.find((c) => c.id === id)?.run(arg),
      }),
    [],
  );
  const { open } = useStore(palette.state);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Typed straight on after the opening key, before the text box has the focus.
      if (palette.state.get().open && !(event.target instanceof HTMLInputElement) && palette.typeAhead(event)) {
        event.preventDefault();
        return;
      }
      if (event.defaultPrevented || event.isComposing || isEditableTarget(event.composedPath()[0] ?? event.target)) return;
      const chord = chordOf(event);
      if (!chord || !openKeys.includes(chord)) return;
      event.preventDefault();
      palette.open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openKeys]);
  return open ? (
    <div class="page-palette">
      <CommandPalette palette={palette} ownKeys />
    </div>
  ) : null;
}
