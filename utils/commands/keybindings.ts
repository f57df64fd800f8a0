import { normalizeChord } from './keys';
import type { Command } from './registry';
import { parseWhen, type ContextMap, type WhenFn } from './when';

/** `{ key, command, when, args }`; a command starting with `-` removes an earlier binding. */
export interface KeybindingRule {
  readonly key: string;
  readonly command: string;
  readonly when?: string;
  /** The argument for a command that takes one (a colour, a speed), as VS Code's `args`. */
  readonly args?: string;
}

interface CompiledRule {
  key: string;
  command: string;
  when: WhenFn;
  args?: string;
}

/** What a key runs: the command, with the rule's argument if it gives one. */
export interface Resolved {
  readonly command: string;
  readonly args?: string;
}

export interface KeyResolver {
  /** The command for a chord in a context: the last matching rule whose `when` holds. */
  resolve(chord: string, context: ContextMap, isEnabled: (id: string) => boolean): string | null;
  /** The same, with the rule's argument. */
  resolveRule(chord: string, context: ContextMap, isEnabled: (id: string) => boolean): Resolved | null;
  /** Chords currently bound to a command, for hints. */
  keysFor(command: string): string[];
}

/** Default rules come from the commands; user rules appended later win. */
export function defaultRules(commands: readonly Command<unknown>[]): KeybindingRule[] {
  return commands.flatMap((c) => (c.keys ?? []).map((key) => ({ key, command: c.id, ...(c.keysWhen ? { when: c.keysWhen } : {}) })));
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
    compiled.push({ key, command: rule.command, when, ...(rule.args !== undefined ? { args: rule.args } : {}) });
  }
  const resolveRule = (chord: string, context: ContextMap, isEnabled: (id: string) => boolean): Resolved | null => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      const rule = compiled[i]!;
      if (rule.key === chord && rule.when(context) && isEnabled(rule.command)) return rule.args === undefined ? { command: rule.command } : { command: rule.command, args: rule.args };
    }
    return null;
  };
  return {
    resolve: (chord, context, isEnabled) => resolveRule(chord, context, isEnabled)?.command ?? null,
    resolveRule,
    keysFor: (command) => compiled.filter((r) => r.command === command).map((r) => r.key),
  };
}
