import type { KeyLabel } from './keys';
import { parseWhen, type ContextMap, type WhenFn } from './when';

/** One value a command's argument can take (a colour, a speed, a comment), as the palette lists it. */
export interface ArgumentChoice {
  readonly value: string;
  readonly label: string;
  /** Shown beside the label, dimmer (a comment's frame, a colour's code). */
  readonly detail?: string;
  /** A colour swatch to show with the choice. */
  readonly color?: string;
  /** The coach's words (a comment's text): shown so the page can't search for them (private-text.tsx). */
  readonly private?: boolean;
}

/** What a command that takes an argument asks for, and the values it offers now. */
export interface CommandArgument<Ctx> {
  readonly prompt: string;
  /**
   * Shown when there is nothing to choose from ("No comments on this video yet"); a function
   * when it names a key, given the keys bound now (keys.ts `keyText`).
   */
  readonly empty: string | ((key: KeyLabel) => string);
  choices(ctx: Ctx): readonly ArgumentChoice[];
}

/** One thing a user can do. Keys, toolbar and tests all go through `run`. */
export interface Command<Ctx> {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  /** Default key chords (see keys.ts). */
  readonly keys?: readonly string[];
  /** When the command applies (see when.ts); empty means always. */
  readonly when?: string;
  /**
   * A further condition on its default keys only, as a keybinding's own `when` (VS Code's
   * split): a dialog's Escape waits while a drawing tool is active, its ✕ button doesn't.
   */
  readonly keysWhen?: string;
  /** The command takes a value: the palette asks for it; run without one (a key), the command asks itself. */
  readonly argument?: CommandArgument<Ctx>;
  run(ctx: Ctx, arg?: string): void | Promise<void>;
}

export interface CommandRegistry<Ctx> {
  register(command: Command<Ctx>): void;
  get(id: string): Command<Ctx> | undefined;
  all(): readonly Command<Ctx>[];
  enabled(id: string, context: ContextMap): boolean;
  /** Runs a command if its `when` holds; returns whether it ran. */
  execute(id: string, ctx: Ctx, context: ContextMap, arg?: string): boolean;
}

/** `onError`: a command that failed, for the user to hear of (the console gets it too). */
export function createRegistry<Ctx>(commands: readonly Command<Ctx>[] = [], onError?: (title: string, error: unknown) => void): CommandRegistry<Ctx> {
  const byId = new Map<string, { command: Command<Ctx>; when: WhenFn }>();
  const registry: CommandRegistry<Ctx> = {
    register(command) {
      if (byId.has(command.id)) throw new Error(`Command "${command.id}" is registered twice`);
      byId.set(command.id, { command, when: parseWhen(command.when) });
    },
    get: (id) => byId.get(id)?.command,
    all: () => [...byId.values()].map((e) => e.command),
    enabled: (id, context) => byId.get(id)?.when(context) ?? false,
    execute(id, ctx, context, arg) {
      const entry = byId.get(id);
      if (!entry || !entry.when(context)) return false;
      const report = (error: unknown) => {
        console.error(`[FrameCoach] command ${id} failed`, error);
        onError?.(entry.command.title, error);
      };
      // A synchronous throw is reported too, so a key listener calling this still stops the key.
      try {
        void Promise.resolve(entry.command.run(ctx, arg)).catch(report);
      } catch (error) {
        report(error);
      }
      return true;
    },
  };
  for (const command of commands) registry.register(command);
  return registry;
}
