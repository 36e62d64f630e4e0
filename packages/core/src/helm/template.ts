/**
 * Reads a Helm template as YAML lines interleaved with Go template actions,
 * without executing anything: for each line, its indentation, the YAML key
 * it writes (if any), the control blocks (if/with/range/define) it sits in,
 * and, for a line that only holds an action, what the action inserts
 * (a named template, a values subtree, a file) and at which indentation.
 */

export interface Action {
  /** The action's code without its `{{ }}`, `{{- -}}` markers, trimmed. */
  code: string;
  trimLeft: boolean;
  /** 0-based line on which the action starts. */
  line: number;
  /** 0-based line on which it ends. */
  endLine: number;
}

export interface Block {
  kind: 'if' | 'with' | 'range' | 'define';
  /** The expression after the keyword (for define, the template's name). */
  expr: string;
  /** 0-based line of the opening action. */
  line: number;
  /** How many `else` branches were passed: 0 in the first branch. */
  branch: number;
  /** The condition of each branch so far, '' for a plain `else` (for with/range: the value tested). */
  conds: readonly string[];
  /** For with/range over a values path: what `.` is inside the block. */
  dot?: ValuesRef;
}

/** A path into the values, e.g. ['controller', 'image']; `each` marks a range element. */
export interface ValuesRef {
  path: string[];
  each?: boolean;
  /** A dump of something that is not a values path this reader can name (`toYaml .x` in a helper called with a dict). */
  unresolved?: boolean;
}

export type Insertion =
  | { kind: 'include'; name: string; code: string; indent: number; args: ValuesRef[] }
  | { kind: 'values'; ref: ValuesRef; code: string; indent: number }
  | { kind: 'other'; code: string; indent: number };

export interface TemplateLine {
  /** 0-based index. */
  index: number;
  text: string;
  type: 'yaml' | 'action' | 'blank' | 'comment';
  /** Leading spaces. */
  indent: number;
  /** Line with actions replaced by NUL characters. */
  shape: string;
  item: boolean;
  /** Column (0-based) where the key or item content starts. */
  keyCol: number;
  key?: string;
  /** For a key that holds an action: a pattern it must match. */
  keyPattern?: RegExp;
  /** The text after `key:` (shape form), or the item's text after `- `. */
  value: string;
  /** Block scalar (`|`, `>`) value. */
  blockScalar: boolean;
  /** What an action-only line, or the value of a key line, inserts. */
  insert?: Insertion;
  /** Control blocks open at the line's first character, innermost last. */
  blocks: readonly Block[];
  /** Actions starting on this line. */
  actions: Action[];
  /** `---` separator line. */
  separator: boolean;
}

export interface Define {
  name: string;
  /** 0-based first body line and end (exclusive: the line of the closing `end`). */
  from: number;
  to: number;
}

export interface TemplateFile {
  lines: TemplateLine[];
  defines: Map<string, Define>;
}

const NUL = '\u0000';
const CONTROL = /^(if|else|end|with|range|define|block|break|continue)\b/;

/** Splits the text into actions; returns them with a mask of which characters they cover. */
function scanActions(text: string): { actions: (Action & { start: number; end: number })[] } {
  const actions: (Action & { start: number; end: number })[] = [];
  let at = 0;
  let line = 0;
  let lineAt = 0;
  const lineOf = (offset: number) => {
    while (lineAt < offset) {
      if (text.charCodeAt(lineAt) === 10) line++;
      lineAt++;
    }
    return line;
  };
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open === -1) break;
    let p = open + 2;
    const trimLeft = text[p] === '-' && /\s/.test(text[p + 1] ?? '');
    if (trimLeft) p += 1;
    let end = -1;
    const rest = text.slice(p).trimStart();
    if (rest.startsWith('/*')) {
      const close = text.indexOf('*/', p);
      end = close === -1 ? -1 : text.indexOf('}}', close + 2);
    } else {
      let q = p;
      while (q < text.length) {
        const ch = text[q];
        if (ch === '"') {
          q++;
          while (q < text.length && text[q] !== '"') q += text[q] === '\\' ? 2 : 1;
        } else if (ch === '`') {
          q = text.indexOf('`', q + 1);
          if (q === -1) q = text.length;
        } else if (ch === '}' && text[q + 1] === '}') {
          end = q;
          break;
        }
        q++;
      }
    }
    if (end === -1) break;
    let code = text.slice(p, end);
    if (/\s-$/.test(code)) code = code.slice(0, -1);
    const startLine = lineOf(open);
    const endLine = lineOf(end);
    actions.push({ code: code.trim(), trimLeft, line: startLine, endLine, start: open, end: end + 2 });
    at = end + 2;
  }
  return { actions };
}

const VALUES_CHAIN = /\$?\.Values((?:\.[A-Za-z_][\w-]*)+)/g;
const BUILTIN_DOT = new Set(['Values', 'Release', 'Chart', 'Capabilities', 'Files', 'Template', 'Subcharts']);

/** Every values path an expression reads, `.Values.a.b` and `.x` resolved through the enclosing with/range. */
export function valuesRefs(code: string, blocks: readonly Block[]): ValuesRef[] {
  const out: ValuesRef[] = [];
  for (const m of code.matchAll(VALUES_CHAIN)) out.push({ path: (m[1] as string).slice(1).split('.') });
  const dot = dotOf(blocks);
  if (dot) {
    const rel = /(^|[\s(|,])\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?(?=$|[\s)|,])/g;
    for (const m of code.matchAll(rel)) {
      const chain = m[2];
      if (chain && BUILTIN_DOT.has(chain.split('.')[0] as string)) continue;
      out.push({ path: [...dot.path, ...(chain ? chain.split('.') : [])], ...(dot.each && !chain ? { each: true } : {}) });
    }
  }
  const seen = new Set<string>();
  return out.filter((r) => {
    const k = r.path.join('\0');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What `.` is at a point: the innermost with/range that sets it, unless a define resets it. */
function dotOf(blocks: readonly Block[]): ValuesRef | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i] as Block;
    if (b.kind === 'define') return undefined;
    if (b.kind === 'with' || b.kind === 'range') return b.dot;
  }
  return undefined;
}

function blockDot(kind: 'with' | 'range', expr: string, blocks: readonly Block[]): ValuesRef | undefined {
  // `range $k, $v := .Values.x` or `with $x := .Values.y`: the value after `:=`.
  const source = expr.includes(':=') ? expr.slice(expr.indexOf(':=') + 2).trim() : expr.trim();
  let ref: ValuesRef | undefined;
  const m = /^\$?\.Values((?:\.[A-Za-z_][\w-]*)+)$/.exec(source);
  if (m) ref = { path: (m[1] as string).slice(1).split('.') };
  else if (/^\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?$/.test(source)) {
    const outer = dotOf(blocks);
    if (outer) ref = { path: [...outer.path, ...(source === '.' ? [] : source.slice(1).split('.'))] };
  }
  if (!ref) return undefined;
  return kind === 'range' ? { path: ref.path, each: true } : ref;
}

/** What an output action inserts, and at which indentation. */
function insertionOf(action: Action, lineIndent: number, blocks: readonly Block[]): Insertion | undefined {
  const code = action.code;
  if (code.startsWith('/*') || CONTROL.test(code) || /^\$[\w]*\s*:?=/.test(code)) return undefined;
  const nindent = /\bnindent\s+(\d+)/.exec(code);
  const indentM = /\bindent\s+(\d+)/.exec(code);
  const indent = nindent ? Number(nindent[1]) : indentM ? Number(indentM[1]) + (action.trimLeft ? 0 : lineIndent) : lineIndent;
  const inc = /\b(?:include|template)\s+"([^"]+)"/.exec(code);
  if (inc && !/^(?:tpl|print|printf)\b/.test(code)) {
    const argText = code.slice((inc.index ?? 0) + inc[0].length);
    return { kind: 'include', name: inc[1] as string, code, indent, args: valuesRefs(argText, blocks) };
  }
  if (/\b(?:toYaml|toJson|toPrettyJson|toRawJson)\b|\bnindent\b|\bindent\b/.test(code) && !/\.Files\.|\btpl\b/.test(code)) {
    const refs = valuesRefs(code, blocks);
    if (refs.length >= 1) return { kind: 'values', ref: refs[0] as ValuesRef, code, indent };
    // Still a YAML subtree written by this line, from a value whose name is not known.
    if (/\b(?:toYaml|toJson|toPrettyJson|toRawJson)\b/.test(code)) return { kind: 'values', ref: { path: [], unresolved: true }, code, indent };
  }
  if (/^\.Values\.[\w.-]+$/.test(code) || /^\$?\.Values((?:\.[A-Za-z_][\w-]*)+)\s*\|/.test(code)) {
    const refs = valuesRefs(code, blocks);
    if (refs.length === 1) return { kind: 'values', ref: refs[0] as ValuesRef, code, indent };
  }
  return { kind: 'other', code, indent };
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"[\]{}>|!&*-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?:[ \t]|$)/;

/** Reads a template's text into lines with their YAML shape and template context. */
export function readTemplate(text: string): TemplateFile {
  const { actions } = scanActions(text);
  const rawLines = text.split('\n');
  const lineStarts: number[] = [];
  {
    let off = 0;
    for (const l of rawLines) {
      lineStarts.push(off);
      off += l.length + 1;
    }
  }
  // Shape of each line: actions replaced by NUL; lines inside a multi-line action marked.
  const shapes = rawLines.map((l) => l.split(''));
  const inAction = new Array<boolean>(rawLines.length).fill(false);
  for (const a of actions) {
    for (let l = a.line; l <= a.endLine; l++) {
      const base = lineStarts[l] as number;
      const from = Math.max(a.start, base) - base;
      const to = Math.min(a.end, base + (rawLines[l] as string).length) - base;
      const chars = shapes[l] as string[];
      for (let c = from; c < to; c++) chars[c] = l === a.line && c === from ? NUL : '';
      if (l > a.line) inAction[l] = true;
    }
  }
  const byLine = new Map<number, Action[]>();
  for (const a of actions) {
    let list = byLine.get(a.line);
    if (!list) byLine.set(a.line, (list = []));
    list.push(a);
  }

  const lines: TemplateLine[] = [];
  const defines = new Map<string, Define>();
  let stack: Block[] = [];
  const apply = (a: Action) => {
    const m = /^(if|with|range|define|block|else|end)\b\s*(.*)$/s.exec(a.code);
    if (!m) return;
    const kw = m[1] as string;
    const expr = (m[2] as string).trim();
    if (kw === 'if' || kw === 'with' || kw === 'range') {
      const b: Block = { kind: kw, expr, line: a.line, branch: 0, conds: [expr] };
      if (kw !== 'if') {
        const d = blockDot(kw, expr, stack);
        if (d) b.dot = d;
      }
      stack = [...stack, b];
    } else if (kw === 'define' || kw === 'block') {
      const name = /^"([^"]+)"/.exec(expr)?.[1] ?? expr;
      stack = [...stack, { kind: 'define', expr: name, line: a.line, branch: 0, conds: [] }];
    } else if (kw === 'else') {
      const top = stack[stack.length - 1];
      if (top) {
        const chained = /^(?:if|with)\s+(.*)$/s.exec(expr);
        const next: Block = {
          kind: top.kind,
          expr: top.expr,
          line: top.line,
          branch: top.branch + 1,
          conds: [...top.conds, chained ? (chained[1] as string).trim() : ''],
        };
        // In an else branch `.` is what it was outside the block, unless `else with` sets it.
        const outer = stack.slice(0, -1);
        const d = /^with\s/.test(expr) ? blockDot('with', (chained?.[1] ?? '') as string, outer) : top.kind === 'if' ? undefined : dotOf(outer);
        if (d) next.dot = d;
        stack = [...outer, next];
      }
    } else if (kw === 'end') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'define') defines.set(top.expr, { name: top.expr, from: top.line + 1, to: a.line });
      stack = stack.slice(0, -1);
    }
  };

  rawLines.forEach((raw, index) => {
    const shape = (shapes[index] as string[]).join('');
    const indent = /^ */.exec(raw)?.[0].length ?? 0;
    const own = byLine.get(index) ?? [];
    const stripped = shape.replace(/\u0000/g, '').trim();
    let type: TemplateLine['type'];
    if (inAction[index] && stripped === '') type = 'action';
    else if (stripped === '') type = own.length > 0 ? 'action' : 'blank';
    else if (stripped.startsWith('#')) type = 'comment';
    else type = 'yaml';
    // Blocks open at the first static character: apply the actions before it.
    const firstStatic = type === 'yaml' ? shape.search(/[^\s\u0000]/) : Infinity;
    let shapeCol = 0;
    let k = 0;
    const before: Action[] = [];
    const after: Action[] = [];
    for (let c = 0; c < shape.length && k < own.length; c++) {
      if (shape[c] === NUL) {
        (shapeCol < firstStatic ? before : after).push(own[k] as Action);
        k++;
      }
      shapeCol++;
    }
    for (; k < own.length; k++) after.push(own[k] as Action);
    before.forEach(apply);
    const blocks = stack;
    const line: TemplateLine = {
      index,
      text: raw,
      type,
      indent,
      shape,
      item: false,
      keyCol: indent,
      value: '',
      blockScalar: false,
      blocks,
      actions: own,
      separator: type === 'yaml' && /^---(\s|$)/.test(shape),
    };
    if (type === 'yaml' && !line.separator) {
      let rest = shape.slice(indent);
      let col = indent;
      const dash = /^-(?:[ \t]+|$)/.exec(rest);
      if (dash) {
        line.item = true;
        col += dash[0].length;
        rest = rest.slice(dash[0].length);
      }
      line.keyCol = col;
      const km = KEY.exec(rest);
      if (km) {
        let key = (km[1] as string).trim();
        if ((key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'"))) key = key.slice(1, -1);
        if (key.includes(NUL)) {
          const src = key
            .split(NUL)
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*');
          line.keyPattern = new RegExp(`^${src}$`);
        } else line.key = key;
        line.value = rest.slice(km[0].length).trim();
        line.blockScalar = /^[|>][-+0-9]*\s*(#.*)?$/.test(line.value);
      } else line.value = rest.trim();
      // An action as the whole value (`key: {{ toYaml .Values.x | nindent 4 }}`) inserts the key's children.
      if (line.value === NUL || /^\u0000\s*$/.test(line.value)) {
        const valueAction = after[after.length - 1];
        if (valueAction) {
          const ins = insertionOf(valueAction, indent, stack);
          if (ins) line.insert = ins;
        }
      }
    } else if (type === 'action') {
      for (const a of own) {
        const ins = insertionOf(a, indent, stack);
        if (ins) {
          line.insert = ins;
          break;
        }
      }
    }
    after.forEach(apply);
    lines.push(line);
  });
  return { lines, defines };
}

/** The values paths the actions of a line read (with helpers they include, followed by the caller). */
export function lineValuesRefs(line: TemplateLine): ValuesRef[] {
  const out: ValuesRef[] = [];
  for (const a of line.actions) out.push(...valuesRefs(a.code, line.blocks));
  return out;
}

/** A regular expression a rendered line must match if this template line produced it. */
export function linePattern(shape: string): { re: RegExp; strength: number } {
  const norm = normaliseRendered(shape.replace(/\s+#(?!.*\u0000).*$/, ''));
  const parts = norm.split(NUL).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const strength = norm.replace(/\u0000/g, '').replace(/[\s:\-"'{}[\],]/g, '').length;
  return { re: new RegExp(`^${parts.join('.*?')}(\\s+#.*)?$`, 's'), strength };
}

/** Rendered line text compared loosely: quotes dropped, spaces collapsed. */
export function normaliseRendered(text: string): string {
  return text.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
}
