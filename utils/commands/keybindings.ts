import { normalizeChord } from './keys';
import type { Command } from './registry';
import { parseWhen, type ContextMap, type WhenFn } from './when';

/** `{ key, command, when }`; a command starting with `-` removes an earlier binding. */
export interface KeybindingRule {
  readonly key: string;
  readonly command: string;
  readonly when?: string;
}

interface CompiledRule {
  key: string;
  command: string;
  when: WhenFn;
}

export interface KeyResolver {
  /** The command for a chord in a context: the last matching rule whose `when` holds. */
  resolve(chord: string, context: ContextMap, isEnabled: (id: string) => boolean): string | null;
  /** Chords currently bound to a command, for hints. */
  keysFor(command: string): string[];
}

/** Default rules come from the commands; user rules appended later win. */
export function defaultRules(commands: readonly Command<unknown>[]): KeybindingRule[] {
  return commands.flatMap((c) => (c.keys ?? []).map((key) => ({ key, command: c.id })));
}

export function createResolver(rules: readonly KeybindingRule[]): KeyResolver {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    const key = normalizeChord(rule.key);
    if (rule.command.startsWith('-')) {
      const target = rule.command.slice(1);
      for (let i = compiled.length - 1; i >= 0; i--) {
        if (compiled[i]!.key === key && compiled[i]!.command === target) compiled.splice(i, 1);
      }
      continue;
    }
    // A rule whose `when` can't be read is skipped: one bad rule never takes the other keys with it.
    let when: WhenFn;
    try {
      when = parseWhen(rule.when);
    } catch {
      continue;
    }
    compiled.push({ key, command: rule.command, when });
  }
  return {
    resolve(chord, context, isEnabled) {
      for (let i = compiled.length - 1; i >= 0; i--) {
        const rule = compiled[i]!;
        if (rule.key === chord && rule.when(context) && isEnabled(rule.command)) return rule.command;
      }
      return null;
    },
    keysFor: (command) => compiled.filter((r) => r.command === command).map((r) => r.key),
  };
}
