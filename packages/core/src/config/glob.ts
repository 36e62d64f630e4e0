import { formatCount } from '../base/count.js';
// Globs from a config file, matched in time linear in the text matched.
//
// A config is input too (a pull request may change it), and a backtracking
// glob engine turns `*a*a*a*a*b` against a long file or resource name into
// minutes of work. Here a glob is expanded (braces, within a limit), cut into
// tokens, and run as a small automaton: every place in the pattern the text
// could have reached is tracked at once, so each character of the text is
// looked at once per live place, never again. Patterns past the limits below
// are refused with a GlobError, which the config loader reports at the line
// of the pattern.

/** Longest pattern accepted, in characters. */
export const MAX_GLOB_LENGTH = 1024;
/** Most `*` wildcards in one pattern (a `**` counts once). */
export const MAX_GLOB_STARS = 32;
/** Most patterns a pattern's braces may expand to (`{a,b}{c,d}` is 4). */
export const MAX_BRACE_EXPANSION = 256;
/** Most characters of all a pattern's brace expansions together. */
const MAX_EXPANDED_CHARS = 16 * 1024;

/** A pattern that cannot be used: too long, too many stars or alternatives, or a syntax this matcher does not take. */
export class GlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobError';
  }
}

const SLASH = 47; // '/'

type Token =
  | { t: 'lit'; c: number }
  /** One character, not `/`, that `test` accepts (`?` and `[...]`). */
  | { t: 'one'; test: (c: number) => boolean }
  /** Zero or more characters; `slash`: `/` among them (a `**` segment). */
  | { t: 'star'; slash: boolean }
  /** Either skips the next `skip` tokens or goes through them (the segments of `**`). */
  | { t: 'opt'; skip: number };

/** `{a,b}`, `{1..3}` and `{a..e}` expanded, nested braces too; a brace with neither comma nor range is literal. */
function expandBraces(pattern: string): string[] {
  // Find the first top-level brace group that has a comma or a range.
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const body = pattern.slice(open + 1, i);
        const alternatives = braceAlternatives(body);
        if (alternatives === undefined) continue;
        const head = pattern.slice(0, open);
        const tails = expandBraces(pattern.slice(i + 1));
        const out: string[] = [];
        for (const alternative of alternatives) {
          for (const middle of expandBraces(alternative)) {
            for (const tail of tails) {
              out.push(head + middle + tail);
              if (out.length > MAX_BRACE_EXPANSION) throw new GlobError(`its braces expand to more than ${MAX_BRACE_EXPANSION} patterns`);
            }
          }
        }
        return out;
      }
    }
  }
  return [pattern];
}

/** The alternatives of a brace body, or undefined when it is literal. */
function braceAlternatives(body: string): string[] | undefined {
  const range = /^(-?\d+)\.\.(-?\d+)$|^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  if (range) {
    const numeric = range[1] !== undefined;
    const from = numeric ? Number(range[1]) : (range[3] as string).charCodeAt(0);
    const to = numeric ? Number(range[2]) : (range[4] as string).charCodeAt(0);
    if (Math.abs(to - from) + 1 > MAX_BRACE_EXPANSION) throw new GlobError(`the range {${body}} expands to more than ${MAX_BRACE_EXPANSION} patterns`);
    const step = from <= to ? 1 : -1;
    const out: string[] = [];
    for (let v = from; v !== to + step; v += step) out.push(numeric ? String(v) : String.fromCharCode(v));
    return out;
  }
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length === 0) return undefined;
  parts.push(body.slice(start));
  return parts;
}

const POSIX_CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  word: (c) => c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
};

/** A `[...]` class starting at `open`: its test and the index after it, or undefined when it is not closed (a literal `[`). */
function parseClass(p: string, open: number): { test: (c: number) => boolean; end: number } | undefined {
  let i = open + 1;
  const negated = p[i] === '!' || p[i] === '^';
  if (negated) i++;
  const tests: ((c: number) => boolean)[] = [];
  let first = true;
  for (; i < p.length; i++) {
    let ch = p[i] as string;
    if (ch === ']' && !first) {
      const inner = (c: number) => tests.some((t) => t(c));
      return { test: negated ? (c) => c !== SLASH && !inner(c) : (c) => c !== SLASH && inner(c), end: i + 1 };
    }
    first = false;
    if (ch === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close !== -1) {
        const name = p.slice(i + 2, close);
        const test = POSIX_CLASSES[name];
        if (!test) throw new GlobError(`[:${name}:] is not a character class this matcher knows`);
        tests.push(test);
        i = close + 1;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < p.length) ch = p[++i] as string;
    const lo = ch.charCodeAt(0);
    if (p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']') {
      let hiChar = p[i + 2] as string;
      i += 2;
      if (hiChar === '\\' && i + 1 < p.length) hiChar = p[++i] as string;
      const hi = hiChar.charCodeAt(0);
      tests.push((c) => c >= lo && c <= hi);
    } else {
      tests.push((c) => c === lo);
    }
  }
  return undefined;
}

/** The tokens of one brace-free pattern. */
function tokenize(p: string): Token[] {
  const tokens: Token[] = [];
  const segments = splitSegments(p);
  segments.forEach((segment, s) => {
    const last = s === segments.length - 1;
    if (segment === '**') {
      if (segments.length === 1) tokens.push({ t: 'star', slash: true });
      else if (last) tokens.push({ t: 'opt', skip: 2 }, { t: 'lit', c: SLASH }, { t: 'star', slash: true });
      else tokens.push({ t: 'opt', skip: 2 }, { t: 'star', slash: true }, { t: 'lit', c: SLASH });
      return;
    }
    for (let i = 0; i < segment.length; i++) {
      const ch = segment[i] as string;
      if (ch === '\\' && i + 1 < segment.length) {
        tokens.push({ t: 'lit', c: segment.charCodeAt(++i) });
      } else if (ch === '*') {
        while (segment[i + 1] === '*') i++;
        tokens.push({ t: 'star', slash: false });
      } else if (ch === '?') {
        tokens.push({ t: 'one', test: (c) => c !== SLASH });
      } else if (ch === '[') {
        const cls = parseClass(segment, i);
        if (cls) {
          tokens.push({ t: 'one', test: cls.test });
          i = cls.end - 1;
        } else tokens.push({ t: 'lit', c: ch.charCodeAt(0) });
      } else {
        tokens.push({ t: 'lit', c: ch.charCodeAt(0) });
      }
    }
    // The `/` after a segment; a final `**` brings its own (`a/**` matches `a` too).
    if (!last && !(segments[s + 1] === '**' && s + 1 === segments.length - 1)) tokens.push({ t: 'lit', c: SLASH });
  });
  return tokens;
}

/** Splits at the `/`s that are not escaped and not inside a class. */
function splitSegments(p: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      const cls = parseClass(p, i);
      if (cls) i = cls.end - 1;
    } else if (ch === '/') {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  }
  out.push(p.slice(start));
  return out;
}

/** One automaton: the tokens, and the text matched against them in one pass. */
function automaton(tokens: readonly Token[]): (text: string) => boolean {
  const m = tokens.length;
  // Which pass last put a place in the current or next set, so that each is held once.
  const mark = new Float64Array(m + 1).fill(-1);
  let pass = 0;
  const add = (set: number[], place: number) => {
    // Places are added with their epsilon closure: a star may match nothing, an opt may skip.
    const stack = [place];
    while (stack.length > 0) {
      const q = stack.pop() as number;
      if (mark[q] === pass) continue;
      mark[q] = pass;
      set.push(q);
      const token = tokens[q];
      if (token === undefined) continue;
      if (token.t === 'star') stack.push(q + 1);
      else if (token.t === 'opt') stack.push(q + 1, q + 1 + token.skip);
    }
  };
  return (text) => {
    let current: number[] = [];
    pass++;
    add(current, 0);
    for (let i = 0; i < text.length && current.length > 0; i++) {
      const c = text.charCodeAt(i);
      const next: number[] = [];
      pass++;
      for (const q of current) {
        const token = tokens[q];
        if (token === undefined) continue;
        if (token.t === 'lit') {
          if (token.c === c) add(next, q + 1);
        } else if (token.t === 'one') {
          if (token.test(c)) add(next, q + 1);
        } else if (token.t === 'star') {
          if (token.slash || c !== SLASH) add(next, q);
        }
      }
      current = next;
    }
    return current.includes(m);
  };
}

const EXTGLOB = /(?<!\\)[@!?*+]\(/;

/**
 * Compiles a glob (micromatch's syntax with `dot: true`: `*`, `**`, `?`,
 * `[...]`, `{a,b}`, `{1..3}`, `\` escapes) into a matcher that runs in time
 * linear in the text. Throws GlobError for a pattern past MAX_GLOB_LENGTH,
 * MAX_GLOB_STARS or MAX_BRACE_EXPANSION, and for extglobs (`+(a|b)`), which
 * it does not take.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  // A leading `!` negates, as in micromatch and .gitignore (`!(...)` is an extglob, refused below).
  if (pattern.startsWith('!') && !pattern.startsWith('!(')) {
    const inner = compileGlob(pattern.slice(1));
    return (text) => !inner(text);
  }
  if (pattern.length > MAX_GLOB_LENGTH)
    throw new GlobError(`the pattern is ${formatCount(pattern.length)} characters long, over the limit of ${MAX_GLOB_LENGTH}`);
  const stars = pattern.replace(/\\./g, '').replace(/\*+/g, '*').split('*').length - 1;
  if (stars > MAX_GLOB_STARS) throw new GlobError(`the pattern has ${stars} wildcards (*), over the limit of ${MAX_GLOB_STARS}`);
  if (EXTGLOB.test(pattern)) throw new GlobError('extended globs such as +(a|b) are not supported; use {a,b}');
  const expanded = expandBraces(pattern);
  if (expanded.reduce((n, p) => n + p.length, 0) > MAX_EXPANDED_CHARS) {
    throw new GlobError(`its braces expand to more than ${formatCount(MAX_EXPANDED_CHARS)} characters of patterns`);
  }
  if (!/[*?[\\]/.test(expanded.join(''))) {
    const literals = new Set(expanded);
    return (text) => literals.has(text);
  }
  const matchers = expanded.map((p) => automaton(tokenize(p)));
  return matchers.length === 1 ? (matchers[0] as (text: string) => boolean) : (text) => matchers.some((match) => match(text));
}

/** Why a pattern cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  try {
    compileGlob(pattern);
    return undefined;
  } catch (err) {
    if (err instanceof GlobError) return err.message;
    throw err;
  }
}
