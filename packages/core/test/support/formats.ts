import { existsSync, readFileSync } from 'node:fs';
import ajvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import { sharedPath } from '../../../../test/support/corpus.js';

// A CommonJS module: under NodeNext its default import is module.exports, whose `default` is the class.
const Ajv = ajvDraft04.default;

/**
 * The OASIS SARIF 2.1.0 schema (errata 01), kept beside the repository in the
 * shared reference folder, as DESIGN.md's other references are.
 */
export const SARIF_SCHEMA_PATH = sharedPath('reference/sarif-schema-2.1.0.json');

/** Whether the OASIS SARIF schema is there to validate against (it is in ../shared/reference). */
export const HAS_SARIF_SCHEMA = existsSync(SARIF_SCHEMA_PATH);

// RFC 3986: characters a URI may hold, '%' only as an escape, and a scheme only before the first '/', '?' or '#'.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const uriReference = (s: string) => {
  if (!URI_CHARS.test(s)) return false;
  const colon = s.indexOf(':');
  const firstDelimiter = s.search(/[/?#]/);
  const hasScheme = colon !== -1 && (firstDelimiter === -1 || colon < firstDelimiter);
  return !hasScheme || SCHEME.test(s);
};

let validator: ValidateFunction | undefined;

/** Validates a SARIF log against the schema, formats included; returns the errors as text, '' when valid. */
export function sarifErrors(log: unknown): string {
  if (!validator) {
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      formats: {
        uri: (s: string) => uriReference(s) && SCHEME.test(s),
        'uri-reference': uriReference,
        'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
      },
    });
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  if (validator(log)) return '';
  return (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * A strict, small XML 1.0 well-formedness check (no DTDs, no CDATA, no
 * comments: the JUnit formatter writes none): one root, tags balanced, every
 * attribute quoted and unique, `<` and `&` only as markup or known entities,
 * only characters XML allows. Throws on the first problem; returns the tree.
 */
export function parseXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('character not allowed in XML');
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  const skipSpace = () => {
    while (at < xml.length && /\s/.test(xml[at] as string)) at++;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(xml);
    if (!m) fail('expected a name');
    at += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const decode = (raw: string): string => {
    if (raw.includes('<')) fail('raw < in character data');
    return raw.replace(/&([^;]*);|&/g, (_whole, ref: string | undefined) => {
      if (ref === undefined) return fail('bare &');
      if (ref in ENTITIES) return ENTITIES[ref] as string;
      const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (!num) return fail(`unknown entity &${ref};`);
      const cp = num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]);
      const ch = String.fromCodePoint(cp);
      if (!XML_CHAR.test(ch)) fail('character reference to a character XML does not allow');
      return ch;
    });
  };
  const element = (): XmlElement => {
    if (xml[at] !== '<') fail('expected <');
    at++;
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = at;
      skipSpace();
      if (xml.startsWith('/>', at)) {
        at += 2;
        return el;
      }
      if (xml[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected space before attribute');
      const attr = name();
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`);
      skipSpace();
      if (xml[at] !== '=') fail('expected =');
      at++;
      skipSpace();
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = xml.indexOf(quote as string, at + 1);
      if (end === -1) fail('unterminated attribute value');
      el.attributes[attr] = decode(xml.slice(at + 1, end));
      at = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', at);
      if (next === -1) fail(`unclosed <${el.name}>`);
      const raw = xml.slice(at, next);
      if (raw.includes(']]>')) fail(']]> in character data');
      el.text += decode(raw);
      at = next;
      if (xml.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (xml[at] !== '>') fail('expected >');
        at++;
        return el;
      }
      if (xml.startsWith('<!', at) || xml.startsWith('<?', at)) fail('unexpected markup declaration');
      el.children.push(element());
    }
  };

  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\r?\n/.exec(xml);
  if (decl) at = decl[0].length;
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== xml.length) fail('content after the root element');
  return root;
}

/** Every element named `name` under `el`, depth first. */
export function xmlElements(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

export const GITHUB_COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/;

/** Reverses @actions/core's escaping of a command's data or property value. */
export function unescapeGithub(value: string): string {
  return value.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

/** The properties of a workflow command line, unescaped. */
export function githubProperties(props: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (props ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = unescapeGithub(pair.slice(eq + 1));
  }
  return out;
}
