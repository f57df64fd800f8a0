import { BUILTIN_COMMANDS } from '../commands/builtin';
import type { KeybindingRule } from '../commands/keybindings';
import { knownCommands, parseKeybindingsFile } from '../commands/keybindings-file';
import { RECENT_MAX } from '../commands/palette';

const KNOWN = knownCommands(BUILTIN_COMMANDS);
/** More rules than anyone writes by hand; keeps the settings within storage quotas. */
const MAX_RULES = 500;

/**
 * The user's rules for storing: each one checked as a keybindings file's entry would be.
 * Throws, naming every bad entry, and nothing is stored: a half-applied set could leave a
 * coach without the keys they use.
 */
export function checkKeybindings(rules: unknown): KeybindingRule[] {
  if (!Array.isArray(rules)) throw new Error('Keybindings must be a list of rules.');
  if (rules.length > MAX_RULES) throw new Error(`At most ${MAX_RULES} keybindings.`);
  const parsed = parseKeybindingsFile(JSON.stringify(rules), KNOWN);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => (p.entry ? `Entry ${p.entry}: ${p.message}` : p.message)).join(' '));
  return parsed.rules;
}

export const isCommandId = (id: unknown): id is string => typeof id === 'string' && KNOWN.has(id);

/** The recent-commands list as stored: known ids only, each once. */
export function cleanRecent(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return [...new Set(stored.filter(isCommandId))].slice(0, RECENT_MAX);
}

/**
 * Rules as stored, for use: well-shaped ones kept as they are. A rule that no longer
 * checks out (a command renamed by an update) is skipped by the resolver, never the rest.
 */
export function cleanKeybindings(stored: unknown): KeybindingRule[] {
  if (!Array.isArray(stored)) return [];
  return stored.slice(0, MAX_RULES).flatMap((r: unknown): KeybindingRule[] => {
    if (typeof r !== 'object' || r === null) return [];
    const { key, command, when, args } = r as Record<string, unknown>;
    if (typeof key !== 'string' || typeof command !== 'string') return [];
    return [{ key, command, ...(typeof when === 'string' && when.trim() ? { when } : {}), ...(typeof args === 'string' ? { args } : {}) }];
  });
}
