import { valuesRefs, type Block } from './template.js';

/**
 * Decides the simple conditions charts write (`.Values.x`, `not`, `and`,
 * `or`, `eq`, `ne`, `empty`, literals) from the values, without executing
 * templates: anything else is unknown. Used only to prefer, between
 * template lines that could have written the same key, the one whose
 * branch the values select.
 */

const UNKNOWN = Symbol('unknown');
type Value = unknown;

type Node = string | Node[];

function tokenize(code: string): string[] | undefined {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||[^\s()|]+)/gy;
  let at = 0;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    out.push(m[1] as string);
    at = re.lastIndex;
  }
  return code.slice(at).trim() === '' ? out : undefined;
}

function parse(tokens: string[]): Node[] | undefined {
  const stack: Node[][] = [[]];
  for (const t of tokens) {
    if (t === '(') stack.push([]);
    else if (t === ')') {
      const done = stack.pop();
      if (!done || stack.length === 0) return undefined;
      (stack[stack.length - 1] as Node[]).push(done);
    } else if (t === '|') return undefined;
    else (stack[stack.length - 1] as Node[]).push(t);
  }
  return stack.length === 1 ? stack[0] : undefined;
}

export function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** The condition's truth, or undefined when it cannot be told from the values. */
export function evaluate(code: string, blocks: readonly Block[], lookup: (path: readonly string[]) => Value): boolean | undefined {
  const tokens = tokenize(code.replace(/^\$[\w]*\s*:?=\s*/, '').replace(/^\$[\w]*\s*,\s*\$[\w]*\s*:?=\s*/, ''));
  if (!tokens || tokens.length === 0) return undefined;
  const tree = parse(tokens);
  if (!tree) return undefined;
  const v = call(tree, blocks, lookup);
  return v === UNKNOWN ? undefined : truthy(v);
}

function atom(t: string, blocks: readonly Block[], lookup: (path: readonly string[]) => Value): Value {
  if (/^"/.test(t)) return JSON.parse(t) as string;
  if (/^`/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'nil') return null;
  if (/^\$?\.Values(\.|$)/.test(t) || /^\.[A-Za-z_]/.test(t) || t === '.') {
    const refs = valuesRefs(t, blocks);
    if (refs.length !== 1 || refs[0]!.each) return UNKNOWN;
    return lookup(refs[0]!.path);
  }
  return UNKNOWN;
}

function call(node: Node[], blocks: readonly Block[], lookup: (path: readonly string[]) => Value): Value {
  const [head, ...args] = node;
  if (head === undefined) return UNKNOWN;
  const arg = (n: Node): Value => (Array.isArray(n) ? call(n, blocks, lookup) : atom(n, blocks, lookup));
  if (Array.isArray(head)) return args.length === 0 ? call(head, blocks, lookup) : UNKNOWN;
  switch (head) {
    case 'not': {
      const v = args.length === 1 ? arg(args[0] as Node) : UNKNOWN;
      return v === UNKNOWN ? UNKNOWN : !truthy(v);
    }
    case 'empty': {
      const v = args.length === 1 ? arg(args[0] as Node) : UNKNOWN;
      return v === UNKNOWN ? UNKNOWN : !truthy(v);
    }
    case 'and': {
      let unknown = false;
      for (const a of args) {
        const v = arg(a);
        if (v === UNKNOWN) unknown = true;
        else if (!truthy(v)) return false;
      }
      return unknown ? UNKNOWN : true;
    }
    case 'or': {
      let unknown = false;
      for (const a of args) {
        const v = arg(a);
        if (v === UNKNOWN) unknown = true;
        else if (truthy(v)) return true;
      }
      return unknown ? UNKNOWN : false;
    }
    case 'eq':
    case 'ne': {
      if (args.length < 2) return UNKNOWN;
      const vs = args.map(arg);
      if (vs.some((v) => v === UNKNOWN || (v !== null && typeof v === 'object'))) return UNKNOWN;
      const [first, ...rest] = vs;
      const same = rest.some((v) => v === first || (v == null && first == null));
      return head === 'eq' ? same : !same;
    }
    default:
      return args.length === 0 ? atom(head, blocks, lookup) : UNKNOWN;
  }
}

/**
 * Whether the branch a block frame stands for is taken: every earlier
 * branch's condition false and its own true. Undefined when any of them
 * cannot be told.
 */
export function branchTaken(block: Block, outer: readonly Block[], lookup: (path: readonly string[]) => Value): boolean | undefined {
  if (block.kind === 'define') return true;
  let unknown = false;
  for (let i = 0; i <= block.branch; i++) {
    const cond = block.conds[i] ?? '';
    const own = i === block.branch;
    if (cond === '') {
      if (own) break;
      return undefined;
    }
    // `range $i, $v := .Values.x` and `with $x := ...` test the value after `:=`.
    const v = evaluate(cond.includes(':=') ? cond.slice(cond.indexOf(':=') + 2) : cond, outer, lookup);
    if (v === undefined) unknown = true;
    else if (v !== own) return false;
  }
  return unknown ? undefined : true;
}
