import jsYaml from 'js-yaml';

/**
 * The scalar resolution Kubernetes applies: its decoder (sigs.k8s.io/yaml over
 * go-yaml v2) follows YAML 1.1, so `yes`/`on`/`y` are booleans and `0755` is
 * octal 493, while timestamps stay strings. js-yaml's default schema is YAML
 * 1.2 core, which would read those differently from the API server.
 */
const { Type, FAILSAFE_SCHEMA } = jsYaml;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

// Resolvers run on every plain scalar, and most are ordinary strings: each
// one rejects on the first character or the length before any real work.
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || (data.length <= 4 && NULLS.has(data)),
  construct: () => null,
  predicate: (object: unknown) => object === null,
  represent: { canonical: () => '~' },
  defaultStyle: 'canonical',
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && data.length <= 5 && (TRUES.has(data) || FALSES.has(data)),
  construct: (data: string) => TRUES.has(data),
  predicate: (object: unknown) => typeof object === 'boolean',
});

// Go's strconv.ParseInt with base 0 after removing underscores: a leading 0
// means octal, 0o octal, 0x hex, 0b binary.
const INT_RE = /^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0[0-7_]*|[1-9][0-9_]*)$/;

/** Whether a scalar can be a number at all: it starts with a digit, a sign or a dot. */
function numericStart(data: string): boolean {
  const c = data.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e;
}

function parseGoInt(text: string): number {
  const clean = text.replace(/_/g, '');
  const negative = clean.startsWith('-');
  const body = clean.replace(/^[-+]/, '');
  let value: number;
  if (body.startsWith('0b')) value = parseInt(body.slice(2), 2);
  else if (body.startsWith('0o')) value = parseInt(body.slice(2), 8);
  else if (body.startsWith('0x')) value = parseInt(body.slice(2), 16);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  return negative ? -value : value;
}

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    if (data === null || !numericStart(data) || !INT_RE.test(data)) return false;
    // '0b', '0x' or '_' alone are not numbers.
    return /[0-9a-fA-F]$/.test(data) && !Number.isNaN(parseGoInt(data));
  },
  construct: parseGoInt,
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
});

const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS: Record<string, number> = {
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
};

const isGoFloat = (data: string) => FLOAT_RE.test(data.includes('_') ? data.replace(/_/g, '') : data) || Object.hasOwn(SPECIAL_FLOATS, data);

// Implicitly, integers resolve first; `!!float 0x10` is 16.0 in go-yaml too.
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && numericStart(data) && (isGoFloat(data) || intType.resolve(data)),
  construct: (data: string) => {
    if (Object.hasOwn(SPECIAL_FLOATS, data)) return SPECIAL_FLOATS[data];
    return isGoFloat(data) ? Number(data.replace(/_/g, '')) : parseGoInt(data);
  },
  predicate: (object: unknown) => typeof object === 'number',
});

/** What a plain scalar is when it is not a string. */
const STRING = Symbol('string');

/**
 * A plain scalar as go-yaml resolves it: null, then bool, then int, then
 * float, else a string. It is the same as trying the four types above in
 * that order, in one call: js-yaml tries every implicit type on every plain
 * scalar, and most scalars are strings that the first character rules out.
 */
function plainValue(data: string | null): unknown {
  if (data === null) return null;
  const length = data.length;
  if (length === 0) return null;
  const c = data.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
    // Decimal digits without a leading 0 (ports, replicas): what parseGoInt gives.
    if (c !== 0x30 || length === 1) {
      let p = 1;
      while (p < length && isDigit(data.charCodeAt(p))) p++;
      if (p === length && c !== 0x2d && c !== 0x2b && c !== 0x2e) return parseInt(data, 10);
    }
    if (intType.resolve(data)) return parseGoInt(data);
    if (isGoFloat(data)) return Object.hasOwn(SPECIAL_FLOATS, data) ? SPECIAL_FLOATS[data] : Number(data.replace(/_/g, ''));
    return STRING;
  }
  // Only nulls and booleans are left, and they are short and start with one of these.
  if (length > 5) return STRING;
  if (c === 0x7e || c === 0x6e || c === 0x4e) {
    if (NULLS.has(data)) return null;
  } else if (!(c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46 || c === 0x79 || c === 0x59 || c === 0x6f || c === 0x4f)) {
    return STRING;
  }
  if (TRUES.has(data)) return true;
  if (FALSES.has(data)) return false;
  return STRING;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

// js-yaml constructs a value right after resolving it, from the same text:
// the value found by resolving is kept for that.
let resolvedText: string | null = null;
let resolvedValue: unknown = null;

/**
 * The implicit resolution of plain scalars. Its tag is never seen: js-yaml
 * looks at the tag of an implicitly resolved scalar only to tell a merge key,
 * and explicit `!!int` and the others find the types above, which come later
 * in the schema and so take the tag's place in its map.
 */
const plainType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    const value = plainValue(data);
    if (value === STRING) return false;
    resolvedText = data;
    resolvedValue = value;
    return true;
  },
  construct: (data: string | null) => (data === resolvedText ? resolvedValue : plainValue(data)),
});

const mergeType = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<',
});

/**
 * `!!binary` as go-yaml decodes it: base64 (line breaks ignored, nothing
 * else), and the bytes read as text; JSON then carries that text, with
 * U+FFFD for bytes that are not UTF-8. Anything else is an error there too.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const binaryType = new Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: string | null) => BASE64.test((data ?? '').replace(/[\r\n]/g, '')),
  construct: (data: string | null) => {
    const bytes = Uint8Array.from(atob((data ?? '').replace(/[\r\n]/g, '')), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  },
});

/**
 * `!!timestamp` as go-yaml v2 reads it: only a value that Go's time.Parse
 * takes in one of its layouts (`2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00`,
 * the same with a lower-case `t`, `2006-1-2 15:4:5.999999999`), with a
 * month, day, hour, minute and second in range; into the untyped value
 * Kubernetes decodes to, the string as written. Anything else ("cannot
 * decode !!str `x` as a !!timestamp") is an error there, so here too.
 * Without the tag, a timestamp-like value stays a string (nothing resolves
 * to this type implicitly).
 */
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[-+]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/;

function isGoTimestamp(data: string): boolean {
  const m = TIMESTAMP.exec(data);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Day 0 of the next month is the last day of this one.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  const [hour, minute, second] = [m[4] ?? m[7], m[5] ?? m[8], m[6] ?? m[9]].map(Number) as [number, number, number];
  return Number.isNaN(hour) || (hour < 24 && minute < 60 && second < 60);
}

const timestampType = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoTimestamp(data),
  construct: (data: string) => data,
});

/**
 * Any other tag, global (`!!set`, `!!js/function`, `tag:example.com,2000:x`
 * through `%TAG`) or local (`!Ref`, `!vault`), is not Kubernetes' business:
 * its decoder (go-yaml v2) keeps a tagged scalar as the string written,
 * unresolved (`!foo 3` is "3"), and reads a tagged mapping or sequence as if
 * untagged. An empty prefix matches every tag the schema does not know.
 */
const otherTags = (['scalar', 'sequence', 'mapping'] as const).map(
  (kind) =>
    new Type('', {
      kind,
      multi: true,
      construct: (data: unknown) => data ?? (kind === 'sequence' ? [] : kind === 'mapping' ? {} : ''),
    }),
);

export const KUBERNETES_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [plainType, mergeType],
  explicit: [nullType, boolType, intType, floatType, binaryType, timestampType, ...otherTags],
});
