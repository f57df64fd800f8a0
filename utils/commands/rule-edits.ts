/**
 * What each button of the keybindings editor does to the user's rules (pure: the rules in,
 * the new rules out). As in VS Code, a default binding is never edited: a `-command` rule
 * removes it and a new rule adds the new key.
 */
import type { Binding } from './conflicts';
import type { KeybindingRule } from './keybindings';
import { normalizeChord } from './keys';

const removal = (key: string, command: string): KeybindingRule => ({ key, command: `-${command}` });
const withWhen = (rule: KeybindingRule, when?: string): KeybindingRule => (when?.trim() ? { ...rule, when } : rule);

/** The binding's key becomes `key` (same command, same `when`). */
export function changeKey(user: readonly KeybindingRule[], binding: Binding, key: string): KeybindingRule[] {
  const chord = normalizeChord(key);
  if (chord === binding.key) return [...user];
  if (binding.source === 'default' || binding.rule === null) {
    return [...user, removal(binding.key, binding.command), withWhen({ key: chord, command: binding.command }, binding.when)];
  }
  const changed = { ...user[binding.rule]!, key: chord };
  // A later `-command` rule for the new key would take the changed rule out: put it after that.
  const removedLater = user.some((r, i) => i > binding.rule! && r.command === `-${binding.command}` && normalizeChord(r.key) === chord);
  return removedLater
    ? [...user.filter((_, i) => i !== binding.rule), changed]
    : user.map((r, i) => (i === binding.rule ? changed : r));
}

/** One more key for a command. */
export const addKey = (user: readonly KeybindingRule[], command: string, key: string): KeybindingRule[] => [
  ...user,
  { key: normalizeChord(key), command },
];

/** The binding goes: a default one by a `-command` rule, a user one by deleting its rule. */
export function removeBinding(user: readonly KeybindingRule[], binding: Binding): KeybindingRule[] {
  if (binding.source === 'default' || binding.rule === null) return [...user, removal(binding.key, binding.command)];
  return user.filter((_, i) => i !== binding.rule);
}

/** The command's default keys again: every user rule for it dropped. */
export const resetCommand = (user: readonly KeybindingRule[], command: string): KeybindingRule[] =>
  user.filter((r) => r.command !== command && r.command !== `-${command}`);

/** Does the user have rules for this command (is there anything to reset)? */
export const hasUserRules = (user: readonly KeybindingRule[], command: string): boolean =>
  user.some((r) => r.command === command || r.command === `-${command}`);
