import { describe, expect, it } from 'vitest';
import { parseWhen, type ContextMap } from '../../utils/commands/when';

const evalWhen = (source: string | undefined, ctx: ContextMap) => parseWhen(source)(ctx);

describe('parseWhen: empty clauses', () => {
  it.each([undefined, '', '   ', '\t\n'])('%j is always true', (source) => {
    expect(evalWhen(source, {})).toBe(true);
    expect(evalWhen(source, { a: false })).toBe(true);
  });
});

describe('parseWhen: identifiers', () => {
  it.each([
    [{ a: true }, true],
    [{ a: false }, false],
    [{ a: 1 }, true],
    [{ a: 0 }, false],
    [{ a: 'x' }, true],
    [{ a: '' }, false],
    [{ a: null }, false],
    [{ a: undefined }, false],
    [{}, false], // unknown keys are falsy
    [{ b: true }, false],
  ] as [ContextMap, boolean][])('a with %j → %s', (ctx, expected) => {
    expect(evalWhen('a', ctx)).toBe(expected);
  });

  it('accepts dotted and underscored names as one identifier', () => {
    expect(evalWhen('tool.active', { 'tool.active': true })).toBe(true);
    expect(evalWhen('tool.active', { tool: true })).toBe(false);
    expect(evalWhen('_x1', { _x1: true })).toBe(true);
  });

  it('parses once and evaluates against each context it is given', () => {
    const fn = parseWhen('a && !b');
    expect(fn({ a: true })).toBe(true);
    expect(fn({ a: true, b: true })).toBe(false);
    expect(fn({ a: true })).toBe(true);
  });
});

describe('parseWhen: precedence of !, && and ||', () => {
  // Each row would give a different answer under a wrong precedence.
  it.each([
    // || binds looser than &&: a || (b && c), not (a || b) && c
    ['a || b && c', { a: true }, true],
    ['a || b && c', { b: true }, false],
    ['a && b || c', { c: true }, true],
    ['a && b || c', { a: true }, false],
    // ! binds tighter than &&/||: (!a) && b, not !(a && b)
    ['!a && b', { a: false, b: false }, false],
    ['!a && b', { b: true }, true],
    ['!a || b', { a: true }, false],
    ['!a || b', { a: true, b: true }, true],
    ['!!a', { a: true }, true],
    ['!!!a', { a: true }, false],
    ['a && b && c', { a: true, b: true }, false],
    ['a && b && c', { a: true, b: true, c: true }, true],
    ['a || b || c', { c: true }, true],
    ['a || b || c', {}, false],
  ] as [string, ContextMap, boolean][])('%s with %j → %s', (source, ctx, expected) => {
    expect(evalWhen(source, ctx)).toBe(expected);
  });
});

describe('parseWhen: parentheses', () => {
  it.each([
    ['(a || b) && c', { a: true }, false],
    ['(a || b) && c', { b: true, c: true }, true],
    ['!(a && b)', { a: true }, true],
    ['!(a && b)', { a: true, b: true }, false],
    ['!(a || b)', {}, true],
    ['((a))', { a: true }, true],
    ['( a )', { a: true }, true],
    ['(a && (b || (c)))', { a: true, c: true }, true],
    ['(a && (b || (c)))', { a: true }, false],
  ] as [string, ContextMap, boolean][])('%s with %j → %s', (source, ctx, expected) => {
    expect(evalWhen(source, ctx)).toBe(expected);
  });
});

describe('parseWhen: == and !=', () => {
  it.each([
    // strings
    ["mode == 'edit'", { mode: 'edit' }, true],
    ["mode == 'edit'", { mode: 'view' }, false],
    ["mode == 'edit'", {}, false],
    ["mode != 'edit'", { mode: 'view' }, true],
    ["mode != 'edit'", { mode: 'edit' }, false],
    ["mode != 'edit'", {}, true],
    ["mode == ''", { mode: '' }, true],
    ["mode == 'two words'", { mode: 'two words' }, true],
    ["mode=='edit'", { mode: 'edit' }, true],
    // a bare word on the right is a string, as in VS Code
    ['mode == edit', { mode: 'edit' }, true],
    ['mode == edit', {}, false],
    ['mode != edit', {}, true],
    // numbers, compared strictly
    ['speed == 1', { speed: 1 }, true],
    ['speed == 1', { speed: '1' }, false],
    ['speed == 1.5', { speed: 1.5 }, true],
    ['speed == -2', { speed: -2 }, true],
    ['speed != 0', { speed: 0 }, false],
    ['speed != 0', {}, true],
    ["speed == '1'", { speed: 1 }, false],
    // booleans
    ['paused == true', { paused: true }, true],
    ['paused == true', { paused: 1 }, false],
    ['paused == false', { paused: false }, true],
    ['paused == false', {}, false], // unknown is undefined, not false
    ['paused != true', {}, true],
    ["paused == 'true'", { paused: true }, false],
    // comparisons bind tighter than ! && ||
    ["!mode == 'edit'", { mode: 'edit' }, false],
    ["!mode == 'edit'", { mode: 'view' }, true],
    ["a && mode == 'edit' || b", { a: true, mode: 'edit' }, true],
    ["a && mode == 'edit' || b", { a: true, mode: 'view' }, false],
    ["a && mode == 'edit' || b", { b: true }, true],
  ] as [string, ContextMap, boolean][])('%s with %j → %s', (source, ctx, expected) => {
    expect(evalWhen(source, ctx)).toBe(expected);
  });
});

describe('parseWhen: literal operands', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['!false', true],
    ['1', true],
    ['0', false],
    ["'x'", true],
    ["''", false],
    ['true && a', false],
    ['false || a', false],
  ])('%s → %s', (source, expected) => {
    expect(evalWhen(source, {})).toBe(expected);
  });

  it('true and false are literals, not context keys', () => {
    expect(evalWhen('true', { true: false })).toBe(true);
    expect(evalWhen('false', { false: true })).toBe(false);
  });
});

describe('parseWhen: malformed clauses throw, naming the clause', () => {
  it.each([
    'a &&',
    'a ||',
    '&& a',
    '|| a',
    'a && || b',
    'a && ||',
    '!',
    'a !',
    '(',
    '(a',
    '(a || b',
    ')',
    'a)',
    '())',
    '()',
    'a b',
    'a (b)',
    'a == ',
    'a ==',
    'a == )',
    'a == !',
    'a == &&',
    'a == (b)',
    'a == b == c',
    "'x' == a",
    '== a',
    '!= a',
    'a = b',
    'a & b',
    'a | b',
    'a === b',
    "a == 'unterminated",
    'a ~ b',
    'a; b',
    '1a && b',
    '&&',
    '||',
    '"double quoted"',
  ])('%j', (source) => {
    expect(() => parseWhen(source)).toThrow(`"${source}"`);
  });

  it('says where the tokenizer stopped', () => {
    expect(() => parseWhen('a = b')).toThrow(/at 1\b/);
  });
});
