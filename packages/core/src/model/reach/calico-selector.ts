/**
 * Calico's selector language (projectcalico.org/v3 `selector`,
 * `namespaceSelector`, `serviceAccountSelector` and the rule selectors),
 * parsed into a small tree and evaluated against a label map.
 *
 * Grammar, as Calico's tokenizer and parser read it
 * (libcalico-go/lib/selector/{tokenizer,parser}):
 *
 *   or    := and ("||" and)*
 *   and   := unary ("&&" unary)*
 *   unary := "!"* ( "(" or ")" | "all()" | "global()" | "has(" LABEL ")" | LABEL op )
 *   op    := "==" STR | "!=" STR | ("in" | "not in" | "notin") "{" [STR ("," STR)*] "}"
 *          | "contains" STR | "starts with" STR | "ends with" STR
 *
 * Strings are single- or double-quoted without escapes. A run of leading
 * `!` folds into one negation per `!` (two cancel out). `!=` and `not in`
 * are also true when the label is absent; every other operator needs it.
 * An empty selector is `all()`.
 */

export type SelectorNode =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; key: string }
  | { op: 'eq' | 'ne' | 'contains' | 'starts' | 'ends'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: readonly string[] }
  | { op: 'not'; node: SelectorNode }
  | { op: 'and' | 'or'; nodes: readonly SelectorNode[] };

/** A Calico selector Calico would reject, with where it goes wrong. */
export class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly selector: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1} of selector "${selector}"`);
    this.name = 'SelectorSyntaxError';
  }
}

type Token =
  | { t: 'lparen' | 'rparen' | 'not' | 'and' | 'or' | 'lbrace' | 'rbrace' | 'comma' | 'all' | 'global'; at: number }
  | { t: 'has'; key: string; at: number }
  | { t: 'label'; key: string; at: number }
  | { t: 'string'; value: string; at: number }
  | { t: 'eq' | 'ne' | 'in' | 'notin' | 'contains' | 'starts' | 'ends'; at: number };

const LABEL = /^[A-Za-z0-9_./-]{1,512}/;
const HAS = /^has\(\s*([A-Za-z0-9_./-]{1,512})\s*\)/;
const ALL = /^all\(\s*\)/;
const GLOBAL = /^global\(\s*\)/;
const NOT_IN = /^not\s*in\b/;
const IN = /^in\b/;
const CONTAINS = /^contains\b/;
const STARTS = /^starts\s*with\b/;
const ENDS = /^ends\s*with\b/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  // After a label the next word is an operator (`in`, `contains`...), elsewhere a label.
  let afterLabel = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const at = i;
    let m: RegExpExecArray | null;
    if (afterLabel) {
      afterLabel = false;
      if (rest.startsWith('==')) {
        out.push({ t: 'eq', at });
        i += 2;
        continue;
      }
      if (rest.startsWith('!=')) {
        out.push({ t: 'ne', at });
        i += 2;
        continue;
      }
      if ((m = NOT_IN.exec(rest))) {
        out.push({ t: 'notin', at });
        i += m[0].length;
        continue;
      }
      if ((m = IN.exec(rest))) {
        out.push({ t: 'in', at });
        i += m[0].length;
        continue;
      }
      if ((m = CONTAINS.exec(rest))) {
        out.push({ t: 'contains', at });
        i += m[0].length;
        continue;
      }
      if ((m = STARTS.exec(rest))) {
        out.push({ t: 'starts', at });
        i += m[0].length;
        continue;
      }
      if ((m = ENDS.exec(rest))) {
        out.push({ t: 'ends', at });
        i += m[0].length;
        continue;
      }
      throw new SelectorSyntaxError('expected an operator (==, !=, in, not in, contains, starts with, ends with) after a label', text, at);
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) throw new SelectorSyntaxError('unterminated string', text, at);
      out.push({ t: 'string', value: text.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    if (rest.startsWith('&&')) {
      out.push({ t: 'and', at });
      i += 2;
      continue;
    }
    if (rest.startsWith('||')) {
      out.push({ t: 'or', at });
      i += 2;
      continue;
    }
    if (c === '!') {
      out.push({ t: 'not', at });
      i++;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lparen', at });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rparen', at });
      i++;
      continue;
    }
    if (c === '{') {
      out.push({ t: 'lbrace', at });
      i++;
      continue;
    }
    if (c === '}') {
      out.push({ t: 'rbrace', at });
      i++;
      continue;
    }
    if (c === ',') {
      out.push({ t: 'comma', at });
      i++;
      continue;
    }
    if ((m = HAS.exec(rest))) {
      out.push({ t: 'has', key: m[1] as string, at });
      i += m[0].length;
      continue;
    }
    if ((m = ALL.exec(rest))) {
      out.push({ t: 'all', at });
      i += m[0].length;
      continue;
    }
    if ((m = GLOBAL.exec(rest))) {
      out.push({ t: 'global', at });
      i += m[0].length;
      continue;
    }
    if ((m = LABEL.exec(rest))) {
      out.push({ t: 'label', key: m[0], at });
      i += m[0].length;
      afterLabel = true;
      continue;
    }
    throw new SelectorSyntaxError(`unexpected "${c}"`, text, at);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private fail(message: string): never {
    throw new SelectorSyntaxError(message, this.text, this.peek()?.at ?? this.text.length);
  }

  parse(): SelectorNode {
    if (this.tokens.length === 0) return { op: 'all' };
    const node = this.or();
    if (this.peek()) this.fail('unexpected text after the end of the expression');
    return node;
  }

  private or(): SelectorNode {
    const nodes = [this.and()];
    while (this.peek()?.t === 'or') {
      this.i++;
      nodes.push(this.and());
    }
    return nodes.length === 1 ? (nodes[0] as SelectorNode) : { op: 'or', nodes };
  }

  private and(): SelectorNode {
    const nodes = [this.unary()];
    while (this.peek()?.t === 'and') {
      this.i++;
      nodes.push(this.unary());
    }
    return nodes.length === 1 ? (nodes[0] as SelectorNode) : { op: 'and', nodes };
  }

  private unary(): SelectorNode {
    let negations = 0;
    while (this.peek()?.t === 'not') {
      negations++;
      this.i++;
    }
    let node = this.primary();
    for (let n = 0; n < negations; n++) node = { op: 'not', node };
    return node;
  }

  private string(): string {
    const token = this.peek();
    if (token?.t !== 'string') this.fail('expected a quoted string');
    this.i++;
    return token.value;
  }

  private primary(): SelectorNode {
    const token = this.peek();
    if (!token) this.fail('unexpected end of selector');
    this.i++;
    switch (token.t) {
      case 'lparen': {
        const inner = this.or();
        if (this.peek()?.t !== 'rparen') this.fail('expected ")"');
        this.i++;
        return inner;
      }
      case 'all':
        return { op: 'all' };
      case 'global':
        return { op: 'global' };
      case 'has':
        return { op: 'has', key: token.key };
      case 'label': {
        const op = this.peek();
        if (!op) this.fail('expected an operator after a label');
        this.i++;
        switch (op.t) {
          case 'eq':
          case 'ne':
          case 'contains':
          case 'starts':
          case 'ends':
            return { op: op.t, key: token.key, value: this.string() };
          case 'in':
          case 'notin': {
            if (this.peek()?.t !== 'lbrace') this.fail('expected "{"');
            this.i++;
            const values: string[] = [];
            if (this.peek()?.t !== 'rbrace') {
              values.push(this.string());
              while (this.peek()?.t === 'comma') {
                this.i++;
                values.push(this.string());
              }
            }
            if (this.peek()?.t !== 'rbrace') this.fail('expected "}"');
            this.i++;
            return { op: op.t, key: token.key, values };
          }
          default:
            return this.fail('expected an operator after a label');
        }
      }
      default:
        return this.fail('expected a label, has(), all(), global(), "!" or "("');
    }
  }
}

/** Parses a Calico selector; throws SelectorSyntaxError on text Calico would reject. */
export function parseCalicoSelector(text: string): SelectorNode {
  return new Parser(tokenize(text), text).parse();
}

type Labels = Readonly<Record<string, string>>;

/**
 * Evaluates a selector against labels. `global()` is true only for objects
 * outside every namespace; `isGlobal` says whether the labelled object is one
 * (a GlobalNetworkSet or a host endpoint).
 */
export function evaluateSelector(node: SelectorNode, labels: Labels, isGlobal = false): boolean {
  switch (node.op) {
    case 'all':
      return true;
    case 'global':
      return isGlobal;
    case 'has':
      return Object.hasOwn(labels, node.key);
    case 'eq':
      return Object.hasOwn(labels, node.key) && labels[node.key] === node.value;
    case 'ne':
      return !Object.hasOwn(labels, node.key) || labels[node.key] !== node.value;
    case 'contains':
      return Object.hasOwn(labels, node.key) && (labels[node.key] as string).includes(node.value);
    case 'starts':
      return Object.hasOwn(labels, node.key) && (labels[node.key] as string).startsWith(node.value);
    case 'ends':
      return Object.hasOwn(labels, node.key) && (labels[node.key] as string).endsWith(node.value);
    case 'in':
      return Object.hasOwn(labels, node.key) && node.values.includes(labels[node.key] as string);
    case 'notin':
      return !Object.hasOwn(labels, node.key) || !node.values.includes(labels[node.key] as string);
    case 'not':
      return !evaluateSelector(node.node, labels, isGlobal);
    case 'and':
      return node.nodes.every((n) => evaluateSelector(n, labels, isGlobal));
    case 'or':
      return node.nodes.some((n) => evaluateSelector(n, labels, isGlobal));
  }
}

/** Whether the selector names `all()` alone (selects every object of its scope). */
export function isAllSelector(node: SelectorNode): boolean {
  return node.op === 'all';
}

/** The selector written back in Calico's syntax, for messages. */
export function selectorText(node: SelectorNode): string {
  const quote = (v: string) => (v.includes("'") ? `"${v}"` : `'${v}'`);
  switch (node.op) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${node.key})`;
    case 'eq':
      return `${node.key} == ${quote(node.value)}`;
    case 'ne':
      return `${node.key} != ${quote(node.value)}`;
    case 'contains':
      return `${node.key} contains ${quote(node.value)}`;
    case 'starts':
      return `${node.key} starts with ${quote(node.value)}`;
    case 'ends':
      return `${node.key} ends with ${quote(node.value)}`;
    case 'in':
    case 'notin':
      return `${node.key} ${node.op === 'in' ? 'in' : 'not in'} {${node.values.map(quote).join(', ')}}`;
    case 'not': {
      const inner = selectorText(node.node);
      return node.node.op === 'and' || node.node.op === 'or' ? `!(${inner})` : `!${inner}`;
    }
    case 'and':
      return node.nodes.map((n) => (n.op === 'or' ? `(${selectorText(n)})` : selectorText(n))).join(' && ');
    case 'or':
      return node.nodes.map(selectorText).join(' || ');
  }
}
