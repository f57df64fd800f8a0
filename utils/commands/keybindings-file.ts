/**
 * Keybindings as a file, in VS Code's `keybindings.json` shape: an array of
 * `{ "key": "shift+f", "command": "view.fullscreen", "when": "paused" }`, where a command
 * written `-id` removes a default binding of that key, and `"args"` gives a command that
 * takes an argument its value (`{ "key": "shift+2", "command": "draw.setColor", "args": "#ff4d4d" }`). Comments and trailing commas are
 * allowed, as in VS Code. A file with any problem is refused whole, each problem named by
 * its line and entry: importing half a file could leave a coach without the keys they use.
 */
import type { KeybindingRule } from './keybindings';
import { normalizeChord } from './keys';
import { parseWhen } from './when';

export interface FileProblem {
  /** 1-based line of the entry (or of the syntax error). */
  line: number;
  /** 1-based entry number, null for a problem with the file as a whole. */
  entry: number | null;
  message: string;
}

export type ParsedKeybindings = { ok: true; rules: KeybindingRule[] } | { ok: false; problems: FileProblem[] };

/** The commands a file may name, and whether each takes an argument (a rule's `args`). */
export type KnownCommands = ReadonlyMap<string, { readonly takesArgument: boolean }>;
export const knownCommands = (commands: readonly { id: string; argument?: unknown }[]): KnownCommands =>
  new Map(commands.map((c) => [c.id, { takesArgument: c.argument !== undefined }]));

const MODIFIERS = new Set(['ctrl', 'control', 'cmd', 'meta', 'alt', 'shift']);
const NAMED_KEYS = new Set([
  'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'space', 'enter', 'escape', 'tab', 'backspace', 'delete',
  'home', 'end', 'pageup', 'pagedown', 'insert',
  ...Array.from({ length: 24 }, (_, i) => `f${i + 1}`),
]);
/** Files bigger than this are not keybindings (VS Code's own default file is about 100 KB). */
const MAX_TEXT = 1_000_000;

/**
 * Calls `visit` at each index outside JSON string literals (an opening quote included);
 * `visit` may return the index to go on from.
 */
function outsideStrings(text: ArrayLike<string>, visit: (i: number) => number | void): void {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    i = visit(i) ?? i;
    if (c === '"') inString = true;
  }
}

/** Comments and trailing commas blanked out (same length, same lines), so JSON.parse reads it. */
export function stripJsonc(text: string): string {
  const out = text.split('');
  outsideStrings(out, (i) => {
    if (out[i] !== '/' || (out[i + 1] !== '/' && out[i + 1] !== '*')) return;
    const end = out[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
    const stop = end < i + 2 ? out.length : end;
    for (let j = i; j < stop; j++) if (out[j] !== '\n') out[j] = ' ';
    return stop - 1;
  });
  // Then trailing commas: a comma followed (past blanks, comments gone) only by a closing bracket.
  outsideStrings(out, (i) => {
    if (out[i] !== ',') return;
    let j = i + 1;
    while (j < out.length && /\s/.test(out[j]!)) j++;
    if (out[j] === ']' || out[j] === '}') out[i] = ' ';
  });
  return out.join('');
}

const lineAt = (text: string, offset: number): number => text.slice(0, Math.max(0, offset)).split('\n').length;

/** Where each element of the top-level array starts (offsets into `text`, already stripped). */
function entryOffsets(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inElement = false; // between an element's start and the comma after it, at depth 1
  outsideStrings(text, (i) => {
    const c = text[i]!;
    if (depth === 1 && !inElement && !/[\s,\]]/.test(c)) {
      starts.push(i);
      inElement = true;
    }
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) inElement = false;
  });
  return starts;
}

/** Why a key chord can't be bound, or null when it can (`Ctrl+Shift+K`, `.`, `shift+arrowright`). */
export function chordProblem(key: string): string | null {
  const raw = key.trim();
  if (!raw) return 'the key is empty';
  if (raw === '+') return null;
  const plusKey = /\+\s*\+$/.test(raw); // `ctrl++`
  const parts = (plusKey ? raw.replace(/\s*\+\s*\+$/, '') : raw).split(/\s*\+\s*/);
  const last = plusKey ? '+' : parts.pop()!.toLowerCase();
  for (const mod of parts) if (!MODIFIERS.has(mod.toLowerCase())) return `"${mod}" is not a modifier (ctrl, alt, shift, meta)`;
  if (!last) return 'no key after the modifiers';
  if (last.length !== 1 && !NAMED_KEYS.has(last)) return `"${last}" is not a key`;
  // A character typed with Shift is another character (`<` is Shift+`,`): keys name what is
  // typed, so Shift is written only with letters and named keys (and with Alt, which keys go by place).
  const mods = parts.map((p) => p.toLowerCase());
  if (last.length === 1 && !/[a-z]/.test(last) && mods.includes('shift') && !mods.includes('alt')) {
    return `Shift with "${last}" never comes: write the character Shift makes (e.g. "<" for Shift+",")`;
  }
  return null;
}

/** Reads a keybindings file against the commands that exist. Nothing partial: all rules, or the problems. */
export function parseKeybindingsFile(text: string, commands: KnownCommands): ParsedKeybindings {
  if (text.length > MAX_TEXT) return { ok: false, problems: [{ line: 1, entry: null, message: 'The file is too big to be keybindings.' }] };
  const clean = stripJsonc(text);
  let data: unknown;
  try {
    data = JSON.parse(clean);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const line = at ? lineAt(clean, Number(at[1])) : Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    return { ok: false, problems: [{ line, entry: null, message: `Not valid JSON: ${message}` }] };
  }
  if (!Array.isArray(data)) {
    return { ok: false, problems: [{ line: 1, entry: null, message: 'The file must be a list ([ … ]) of keybindings.' }] };
  }
  const offsets = entryOffsets(clean);
  const problems: FileProblem[] = [];
  const rules: KeybindingRule[] = [];
  data.forEach((entry: unknown, index) => {
    const where = { line: lineAt(clean, offsets[index] ?? 0), entry: index + 1 };
    const fail = (message: string) => problems.push({ ...where, message });
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail('Not an object with "key" and "command".');
    const { key, command, when, args } = entry as Record<string, unknown>;
    if (typeof key !== 'string') return fail('"key" is missing or not text.');
    if (typeof command !== 'string' || !command) return fail('"command" is missing or not text.');
    if (when !== undefined && typeof when !== 'string') return fail('"when" must be text.');
    const keyProblem = chordProblem(key);
    if (keyProblem) return fail(`Key "${key}": ${keyProblem}.`);
    const id = command.startsWith('-') ? command.slice(1) : command;
    const known = commands.get(id);
    if (!known) return fail(`Unknown command "${id}".`);
    if (args !== undefined) {
      if (command.startsWith('-')) return fail('"args" means nothing on a rule that removes a key.');
      if (!known.takesArgument) return fail(`"args": the command "${id}" takes no argument.`);
      if (typeof args !== 'string' && typeof args !== 'number') return fail('"args" must be text or a number (a colour, a speed).');
    }
    if (when !== undefined) {
      try {
        parseWhen(when);
      } catch (error) {
        return fail(`"when" can't be read: ${error instanceof Error ? error.message : String(error)}.`);
      }
    }
    rules.push({ key: normalizeChord(key), command, ...(when !== undefined && when.trim() ? { when } : {}), ...(args !== undefined ? { args: String(args) } : {}) });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rules };
}

/** The user's rules as a file VS Code would recognise (and this reader takes back). */
export function keybindingsFileText(rules: readonly KeybindingRule[]): string {
  const lines = rules.map((r) => `  ${JSON.stringify({ key: r.key, command: r.command, ...(r.when ? { when: r.when } : {}), ...(r.args !== undefined ? { args: r.args } : {}) })}`);
  return `// FrameCoach keybindings (VS Code's keybindings.json shape). "-command" removes a default.\n[\n${lines.join(',\n')}\n]\n`;
}
