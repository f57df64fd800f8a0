/**
 * Which keys clash, for the keybindings editor: two commands on one chord whose `when`
 * clauses may hold together (the later rule would hide the other), a chord the browser
 * uses, a chord a site uses. Pure: the options page and its tests call it with data.
 */
import type { KeybindingRule } from './keybindings';
import { chordProblem } from './keybindings-file';
import { normalizeChord } from './keys';
import { parseWhen, type ContextValue } from './when';
import { siteKeysFor, type SiteKeys, SITE_KEYS } from '../sites/site-keys';

// ---- when clauses that can't hold together -------------------------------------------

type Literal = { name: string; is: 'truthy' | 'falsy' } | { name: string; is: 'eq' | 'ne'; value: ContextValue };
/** A clause as an OR of ANDs of literals: `[]` never holds, `[[]]` always may. */
type Dnf = Literal[][];
const ALWAYS: Dnf = [[]];
/** Past this many terms the clause counts as "may hold" (true is always the safe answer). */
const MAX_TERMS = 64;

/** Known truthiness of a literal, or null. */
const truthy = (l: Literal): boolean | null => (l.is === 'truthy' ? true : l.is === 'falsy' ? false : l.is === 'eq' ? Boolean(l.value) : null);

function clash(a: Literal, b: Literal): boolean {
  if (a.name !== b.name) return false;
  const ta = truthy(a);
  const tb = truthy(b);
  if (ta !== null && tb !== null && ta !== tb) return true;
  if (a.is === 'eq' && b.is === 'eq') return a.value !== b.value;
  if ((a.is === 'eq' && b.is === 'ne') || (a.is === 'ne' && b.is === 'eq')) return a.value === b.value;
  return false;
}

const consistent = (terms: readonly Literal[]): boolean => terms.every((a, i) => terms.slice(i + 1).every((b) => !clash(a, b)));

function and(a: Dnf, b: Dnf): Dnf {
  const out: Dnf = [];
  for (const x of a) for (const y of b) if (consistent([...x, ...y])) out.push([...x, ...y]);
  return out.length > MAX_TERMS ? ALWAYS : out;
}

const NEGATED = { truthy: 'falsy', falsy: 'truthy', eq: 'ne', ne: 'eq' } as const;
/** De Morgan: !(A || B) = !A && !B, and !(a && b) = !a || !b. */
const not = (d: Dnf): Dnf => d.reduce<Dnf>((acc, term) => and(acc, term.map((l) => [{ ...l, is: NEGATED[l.is] } as Literal])), ALWAYS);

// The tokens of when.ts (which has checked the clause first, so every token is well formed).
const TOKEN = /\s*(\(|\)|&&|\|\||!=|==|!|[A-Za-z_][\w.]*|'[^']*'|-?\d+(?:\.\d+)?)/y;
const literal = (t: string): ContextValue =>
  t.startsWith("'") ? t.slice(1, -1) : t === 'true' ? true : t === 'false' ? false : /^-?\d/.test(t) ? Number(t) : t;

function dnfOf(source: string): Dnf {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) tokens.push(m[1]!);
  let pos = 0;
  const operand = (): Dnf => {
    const t = tokens[pos++]!;
    if (t === '!') return not(operand());
    if (t === '(') {
      const inner = or();
      pos++; // ')'
      return inner;
    }
    if (!/^[A-Za-z_]/.test(t) || t === 'true' || t === 'false') return literal(t) ? ALWAYS : [];
    const op = tokens[pos];
    if (op === '==' || op === '!=') {
      pos += 2;
      return [[{ name: t, is: op === '==' ? 'eq' : 'ne', value: literal(tokens[pos - 1]!) }]];
    }
    return [[{ name: t, is: 'truthy' }]];
  };
  const conj = (): Dnf => {
    let d = operand();
    while (tokens[pos] === '&&') {
      pos++;
      d = and(d, operand());
    }
    return d;
  };
  const or = (): Dnf => {
    let d = conj();
    while (tokens[pos] === '||') {
      pos++;
      d = [...d, ...conj()];
      if (d.length > MAX_TERMS) d = ALWAYS;
    }
    return d;
  };
  return or();
}

/**
 * False only when the two clauses provably can't hold together (`x` and `!x`,
 * `x == 'a'` and `x == 'b'`, on every branch of an `||`). Empty or unreadable: true.
 */
export function mayOverlap(whenA?: string, whenB?: string): boolean {
  const clause = (w?: string): Dnf => {
    if (!w?.trim()) return ALWAYS;
    try {
      parseWhen(w);
    } catch {
      return ALWAYS;
    }
    return dnfOf(w);
  };
  return and(clause(whenA), clause(whenB)).length > 0;
}

/** Both clauses (either may be empty). */
export const joinWhen = (a?: string, b?: string): string | undefined =>
  a?.trim() && b?.trim() ? `(${a}) && (${b})` : a?.trim() ? a : b?.trim() ? b : undefined;

// ---- the bindings in force ----------------------------------------------------------

/** A key bound to a command now, and which rule made it (`rule`: its index in the user's rules). */
export interface Binding {
  readonly key: string;
  readonly command: string;
  readonly when?: string;
  readonly source: 'default' | 'user';
  readonly rule: number | null;
}

/** Defaults then the user's rules, as the resolver (keybindings.ts) reads them. */
export function bindingsInForce(defaults: readonly KeybindingRule[], user: readonly KeybindingRule[]): Binding[] {
  const out: Binding[] = [];
  const add = (rule: KeybindingRule, source: Binding['source'], index: number | null) => {
    const key = normalizeChord(rule.key);
    if (rule.command.startsWith('-')) {
      const target = rule.command.slice(1);
      for (let i = out.length - 1; i >= 0; i--) if (out[i]!.key === key && out[i]!.command === target) out.splice(i, 1);
      return;
    }
    try {
      parseWhen(rule.when);
    } catch {
      return; // the resolver skips it too
    }
    out.push({ key, command: rule.command, ...(rule.when?.trim() ? { when: rule.when } : {}), source, rule: index });
  };
  defaults.forEach((r) => add(r, 'default', null));
  user.forEach((r, i) => add(r, 'user', i));
  return out;
}

/** Other commands on `chord` whose clause (command's `when` and the rule's) may hold with the target's. */
export function conflictsFor(
  chord: string,
  target: { command: string; when?: string },
  bindings: readonly Binding[],
  commandWhen: (id: string) => string | undefined,
): Binding[] {
  const key = normalizeChord(chord);
  const mine = joinWhen(commandWhen(target.command), target.when);
  return bindings.filter((b) => b.key === key && b.command !== target.command && mayOverlap(mine, joinWhen(commandWhen(b.command), b.when)));
}

// ---- the browser's keys ---------------------------------------------------------------

export interface BrowserKey {
  readonly key: string;
  readonly what: string;
  /** The browser never lets a page have it. */
  readonly reserved?: boolean;
}

const tabs = (mod: string): BrowserKey[] =>
  Array.from({ length: 9 }, (_, i) => ({ key: `${mod}+${i + 1}`, what: i === 8 ? 'Go to the last tab' : `Go to tab ${i + 1}` }));
const both = (key: string, what: string, reserved?: boolean): BrowserKey[] =>
  [`ctrl+${key}`, `meta+${key}`].map((k) => ({ key: k, what, ...(reserved ? { reserved } : {}) }));

/** Chrome's and Firefox's own keys (Windows and Linux with Ctrl, macOS with Cmd = meta). */
export const BROWSER_KEYS: readonly BrowserKey[] = [
  ...both('t', 'New tab', true),
  ...both('w', 'Close tab', true),
  ...both('n', 'New window', true),
  ...both('shift+n', 'New incognito window', true),
  ...both('shift+t', 'Reopen the closed tab', true),
  ...both('shift+w', 'Close the window', true),
  { key: 'ctrl+tab', what: 'Next tab', reserved: true },
  { key: 'ctrl+shift+tab', what: 'Previous tab', reserved: true },
  { key: 'ctrl+pagedown', what: 'Next tab', reserved: true },
  { key: 'ctrl+pageup', what: 'Previous tab', reserved: true },
  { key: 'ctrl+q', what: 'Quit (Firefox on Linux)' },
  { key: 'ctrl+shift+q', what: 'Quit', reserved: true },
  { key: 'meta+q', what: 'Quit', reserved: true },
  { key: 'alt+f4', what: 'Close the window', reserved: true },
  ...both('l', 'Address bar'),
  { key: 'alt+d', what: 'Address bar' },
  { key: 'f6', what: 'Address bar' },
  ...both('d', 'Bookmark this page'),
  ...both('f', 'Find in page'),
  ...both('g', 'Find next'),
  { key: 'f3', what: 'Find next' },
  { key: 'ctrl+h', what: 'History' },
  { key: 'meta+y', what: 'History' },
  { key: 'ctrl+j', what: 'Downloads' },
  { key: 'meta+alt+l', what: 'Downloads' },
  ...both('p', 'Print'),
  ...both('s', 'Save the page'),
  ...both('o', 'Open a file'),
  ...both('r', 'Reload'),
  ...both('shift+r', 'Reload without the cache'),
  { key: 'f5', what: 'Reload' },
  { key: 'ctrl+u', what: 'View the page source' },
  { key: 'meta+alt+u', what: 'View the page source' },
  { key: 'ctrl+e', what: 'Search from the address bar' },
  { key: 'ctrl+k', what: 'Search from the address bar' },
  ...both('shift+b', 'Bookmarks bar'),
  ...both('shift+o', 'Bookmarks manager'),
  ...both('shift+delete', 'Clear browsing data'),
  { key: 'ctrl+shift+p', what: 'New private window (Firefox)' },
  ...tabs('ctrl'),
  ...tabs('meta'),
  ...both('=', 'Zoom in'),
  ...both('+', 'Zoom in'),
  ...both('-', 'Zoom out'),
  ...both('0', 'Reset the zoom'),
  { key: 'alt+arrowleft', what: 'Back' },
  { key: 'alt+arrowright', what: 'Forward' },
  { key: 'meta+[', what: 'Back' },
  { key: 'meta+]', what: 'Forward' },
  { key: 'alt+home', what: 'Home page' },
  { key: 'alt+f', what: 'Browser menu' },
  { key: 'alt+e', what: 'Browser menu' },
  { key: 'f10', what: 'Browser menu' },
  { key: 'f1', what: 'Help' },
  { key: 'f7', what: 'Caret browsing' },
  { key: 'f11', what: 'Full screen' },
  { key: 'f12', what: 'Developer tools' },
  { key: 'ctrl+shift+i', what: 'Developer tools' },
  { key: 'meta+alt+i', what: 'Developer tools' },
  { key: 'ctrl+shift+j', what: 'JavaScript console' },
  { key: 'meta+alt+j', what: 'JavaScript console' },
  { key: 'ctrl+shift+c', what: 'Inspect an element' },
  { key: 'meta+h', what: 'Hide the browser (macOS)', reserved: true },
  { key: 'meta+m', what: 'Minimize the window (macOS)', reserved: true },
];

const BY_KEY = new Map(BROWSER_KEYS.map((k) => [k.key, k]));

/** The browser's use of a chord, or null. */
export const browserKey = (chord: string): BrowserKey | null => BY_KEY.get(normalizeChord(chord)) ?? null;

// ---- everything to tell about a key -------------------------------------------------

export interface CommandInfo {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly keys?: readonly string[];
  readonly when?: string;
}

export type KeyWarning =
  | { kind: 'problem'; text: string }
  | { kind: 'command'; command: string; text: string }
  | { kind: 'browser'; reserved: boolean; what: string; text: string }
  | { kind: 'site'; site: string; what: string; text: string };

/** Why `chord` for `target` may not do what one expects: a bad key, other commands, the browser, sites. */
export function keyWarnings(
  chord: string,
  target: { command: string; when?: string },
  bindings: readonly Binding[],
  commands: readonly CommandInfo[],
  sites: readonly SiteKeys[] = SITE_KEYS,
): KeyWarning[] {
  const problem = chordProblem(chord);
  if (problem) return [{ kind: 'problem', text: `This key can't be bound: ${problem}.` }];
  const byId = new Map(commands.map((c) => [c.id, c]));
  const others = [...new Set(conflictsFor(chord, target, bindings, (id) => byId.get(id)?.when).map((b) => b.command))];
  const browser = browserKey(chord);
  return [
    ...others.map((id): KeyWarning => ({ kind: 'command', command: id, text: `Also the key of “${byId.get(id)?.title ?? id}”: where both apply, only one runs.` })),
    ...(browser
      ? [{
          kind: 'browser' as const,
          reserved: !!browser.reserved,
          what: browser.what,
          text: `Browser: ${browser.what}.${browser.reserved ? ' The browser keeps this key: FrameCoach never gets it.' : ' Over a video, FrameCoach takes it instead.'}`,
        }]
      : []),
    ...siteKeysFor(chord, sites).map(({ site, what }): KeyWarning => ({ kind: 'site', site, what, text: `${site}: ${what}. While FrameCoach is shown, it takes this key instead.` })),
  ];
}
