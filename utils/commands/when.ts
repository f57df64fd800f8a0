/**
 * `when` clauses, VS Code style but cut down: identifiers, `!`, `&&`, `||`, `==`, `!=`
 * and parentheses over a flat context map. Parsed once, evaluated often.
 */
export type ContextValue = boolean | string | number | null | undefined;
export type ContextMap = Readonly<Record<string, ContextValue>>;
export type WhenFn = (ctx: ContextMap) => boolean;

const TOKEN = /\s*(\(|\)|&&|\|\||!=|==|!|[A-Za-z_][\w.]*|'[^']*'|-?\d+(?:\.\d+)?)/y;

/** The clause's tokens; throws on a character that starts none. */
export function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`Bad when clause "${source}" at ${start}`);
    tokens.push(match[1]!);
  }
  return tokens;
}

/** A value token's value: `'text'`, `true`/`false`, a number, or a bare word as text. */
export function literal(token: string): ContextValue {
  if (token.startsWith("'")) return token.slice(1, -1);
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (/^-?\d/.test(token)) return Number(token);
  return token; // a bare word, as in VS Code: `mode == edit`
}

const SYMBOLS = new Set(['(', ')', '&&', '||', '==', '!=', '!']);

/** Parses a when clause; an empty clause is always true. Throws on a malformed clause. */
export function parseWhen(source: string | undefined): WhenFn {
  if (!source || !source.trim()) return () => true;
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const token = tokens[pos++];
    if (token === undefined) throw new Error(`Unexpected end of when clause "${source}"`);
    return token;
  };
  /** The next token, which must be a name or a literal, not an operator or parenthesis. */
  const valueToken = () => {
    const token = next();
    if (SYMBOLS.has(token)) throw new Error(`Unexpected "${token}" in when clause "${source}"`);
    return token;
  };

  function operand(): WhenFn {
    const token = next();
    if (token === '!') {
      const inner = operand();
      return (ctx) => !inner(ctx);
    }
    if (token === '(') {
      const inner = or();
      if (next() !== ')') throw new Error(`Missing ")" in when clause "${source}"`);
      return inner;
    }
    if (SYMBOLS.has(token)) throw new Error(`Unexpected "${token}" in when clause "${source}"`);
    if (!/^[A-Za-z_]/.test(token) || token === 'true' || token === 'false') {
      const value = literal(token);
      return () => Boolean(value);
    }
    const op = peek();
    if (op === '==' || op === '!=') {
      pos++;
      const right = literal(valueToken());
      return op === '==' ? (ctx) => ctx[token] === right : (ctx) => ctx[token] !== right;
    }
    return (ctx) => Boolean(ctx[token]);
  }
  function and(): WhenFn {
    let left = operand();
    while (peek() === '&&') {
      pos++;
      const l = left;
      const r = operand();
      left = (ctx) => l(ctx) && r(ctx);
    }
    return left;
  }
  function or(): WhenFn {
    let left = and();
    while (peek() === '||') {
      pos++;
      const l = left;
      const r = and();
      left = (ctx) => l(ctx) || r(ctx);
    }
    return left;
  }

  const fn = or();
  if (pos !== tokens.length) throw new Error(`Unexpected "${tokens[pos]}" in when clause "${source}"`);
  return fn;
}
