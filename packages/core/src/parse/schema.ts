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
  implicit: [nullType, boolType, intType, floatType, mergeType],
  explicit: [binaryType, ...otherTags],
});
