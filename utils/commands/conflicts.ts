/**
 * Which keys clash, for the keybindings editor: two commands on one chord whose `when`
 * clauses may hold together (the later rule would hide the other), a chord the browser
 * uses, a chord a site uses. Pure: the options page and its tests call it with data.
 */
import type { KeybindingRule } from './keybindings';
import { chordProblem } from './keybindings-file';
import { normalizeChord } from './keys';
import { literal, parseWhen, tokenize, type ContextValue } from './when';
import { siteKeysFor, type SiteKeys, SITE_KEYS } from '../sites/site-keys';
import { browserKey } from './browser-keys';

export { BROWSER_KEYS, browserKey, type BrowserKey } from './browser-keys';

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

// when.ts's tokens (it has checked the clause first, so every token is well formed).
function dnfOf(source: string): Dnf {
  const tokens = tokenize(source);
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
  /** The value the key gives a command that takes one (a rule's `args`). */
  readonly args?: string;
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
    out.push({ key, command: rule.command, ...(rule.when?.trim() ? { when: rule.when } : {}), ...(rule.args !== undefined ? { args: rule.args } : {}), source, rule: index });
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
