import { EndMarkerTextError, YamlDocument, YamlSyntaxError, type DuplicateKey } from '../parse/document.js';
import { splitDocuments, yamlDirective } from '../parse/split.js';
import { isKubernetesObject, makeResource, type KubernetesObject, type Resource } from './resource.js';
import { kustomizeOrigin } from './origin.js';
import type { JsonPath } from '../base/types.js';
import { SourceDocument } from '../input/source.js';

/** Something wrong with the input itself, at an offset of a document. */
export interface InputProblem {
  kind: 'parse-error' | 'duplicate-key';
  message: string;
  source: SourceDocument;
  offset: number;
}

export interface SkippedDocument {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  reason: 'not-kubernetes';
}

export interface LoadVisitor {
  /**
   * When given, only documents whose `kind:` line (and text) pass are parsed
   * at all; `kind` is undefined when no `kind:` line can be read (JSON, flow style).
   */
  onlyKinds?(kind: string | undefined, text: string): boolean;
  /**
   * When given, only documents starting at an offset it accepts (in a file's
   * text of that length) are read: a parallel run splits a large file so.
   */
  inPart?(start: number, length: number): boolean;
  /** Whether documents of this kind should be parsed with positions right away. */
  wantsPositions(kind: string | undefined): boolean;
  resource(resource: Resource): void;
  problem(problem: InputProblem): void;
  skipped(skip: SkippedDocument): void;
}

const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z0-9]+)/m;
/**
 * The first `kind:` anywhere, quoted or not: the kind of a document in JSON or
 * YAML flow style, where it is not on a line of its own. A guess (it may be
 * an inner object's), used only to decide whether to record positions while
 * parsing, which changes no result: a document of a kind that rules read
 * parsed without them is parsed a second time at its first finding.
 */
const KIND_ANYWHERE = /\bkind["']?[ \t]*:[ \t]*["']?([A-Za-z0-9]+)/;
/** Offset of the first character at or after `at` that is not a space or tab. */
function skipBlanks(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/**
 * `# Source: <template>` read by slicing: a regular expression with a lazy
 * group before trailing blanks was quadratic in a line padded with spaces.
 */
function helmSourceLine(trimmed: string): string | undefined {
  const at = skipBlanks(trimmed, 1);
  if (!trimmed.startsWith('Source:', at)) return undefined;
  // The line is trimmed already: no blanks at its end.
  const template = trimmed.slice(skipBlanks(trimmed, at + 'Source:'.length));
  return template === '' ? undefined : template;
}

/** The template named by the `# Source:` comment at the head of a Helm-rendered document. */
function helmSource(text: string): string | undefined {
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl === -1 ? text.length : nl);
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const template = helmSourceLine(trimmed);
      if (template !== undefined) return template;
    } else if (trimmed !== '' && !/^---(\s|$)/.test(trimmed)) {
      return undefined;
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  return n;
}

/** An error found at the end of a document is shown on its last written character, not past it. */
function lastContent(text: string, offset: number): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return Math.max(0, Math.min(offset, end - 1));
}

function looksLikeTemplate(text: string): boolean {
  return text.includes('{{') && text.includes('}}');
}

/** Reads every document of one file's text and reports what it holds. */
/**
 * `reload`, when given, reads the file's text again (as `fileText`): its
 * documents may then drop their text once done with and fetch it on demand.
 */
export function loadText(file: string, fileText: string, visitor: LoadVisitor, reload?: () => string): void {
  const text = stripBom(fileText);
  let line = 1;
  let lastHelm: string | undefined;
  let previousEnd = 0;
  splitDocuments(text).forEach((chunk, index) => {
    line += countLines(text, previousEnd, chunk.start);
    previousEnd = chunk.start;
    let docText = text.slice(chunk.start, chunk.end);
    const helm = helmSource(docText) ?? lastHelm;
    lastHelm = helm;
    if (visitor.inPart && !visitor.inPart(chunk.start, text.length)) return;
    const kind = KIND_LINE.exec(docText)?.[1];
    // A kind that cannot be read off a line (JSON, flow style) might be any kind: the visitor judges by the text.
    if (visitor.onlyKinds && !visitor.onlyKinds(kind, docText)) return;
    let yaml: YamlDocument;
    let trailer: EndMarkerTextError | undefined;
    const origin = reload ? { offset: chunk.start, reload: () => stripBom(reload()) } : undefined;
    const source = (parsed?: YamlDocument, template = helm) => new SourceDocument(file, index, docText, line, template, parsed, origin);
    try {
      const parsed = parseDocument(docText, visitor.wantsPositions(kind ?? KIND_ANYWHERE.exec(docText)?.[1]));
      ({ yaml, trailer } = parsed);
      docText = parsed.text;
    } catch (err) {
      if (!(err instanceof YamlSyntaxError)) {
        // Whatever else goes wrong reading one document must not cost the others.
        const reason = err instanceof Error ? err.message : String(err);
        visitor.problem({ kind: 'parse-error', message: `Cannot read this document: ${reason}`, source: source(), offset: 0 });
        return;
      }
      const hint = looksLikeTemplate(docText) ? ' (this looks like an unrendered Helm template: lint the output of `helm template` instead)' : '';
      visitor.problem({ kind: 'parse-error', message: `YAML syntax error: ${err.message}${hint}`, source: source(), offset: lastContent(docText, err.offset) });
      return;
    }
    // Rendered kustomize output names each object's source file in an annotation, as Helm output does in a comment.
    const doc = source(yaml, helm ?? kustomizeOrigin(yaml.value));
    reportVersion(doc, docText, visitor);
    if (trailer) visitor.problem({ kind: 'parse-error', message: `YAML syntax error: ${trailer.message}`, source: doc, offset: trailer.offset });
    reportDuplicates(doc, yaml.duplicates, visitor);
    const value = yaml.value;
    if (value === undefined || value === null) return;
    if (!isKubernetesObject(value)) {
      visitor.skipped({ file, line, reason: 'not-kubernetes' });
      return;
    }
    // Lists are expanded as kubectl expands them, a List inside a List too,
    // with a stack rather than recursion: a Pod nested in Lists is still linted.
    const pending: [KubernetesObject, JsonPath][] = [[value, []]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [object, path] = next;
      const items = (object as Record<string, unknown>)['items'];
      if (!(object.kind.endsWith('List') && Array.isArray(items))) {
        visitor.resource(makeResource(object, doc, path));
        continue;
      }
      for (let i = items.length - 1; i >= 0; i--) {
        const item: unknown = items[i];
        if (isKubernetesObject(item)) pending.push([item, [...path, 'items', i]]);
      }
    }
  });
}

/**
 * Parses a document. Text after its `...` end marker on the same line is an
 * error, but the document before the marker is whole: it is read (it is what
 * Kubernetes applies), and the error comes back beside it.
 */
function parseDocument(text: string, positions: boolean): { yaml: YamlDocument; text: string; trailer?: EndMarkerTextError } {
  try {
    return { yaml: YamlDocument.parse(text, { positions }), text };
  } catch (err) {
    if (!(err instanceof EndMarkerTextError)) throw err;
    const before = text.slice(0, err.offset);
    return { yaml: YamlDocument.parse(before, { positions }), text: before, trailer: err };
  }
}

/**
 * Kubernetes' YAML decoder (go-yaml v2) refuses a document that declares any
 * version but 1.1 (`%YAML 1.2` too): kubectl would not apply it. The document
 * is still linted, so nothing in it goes unseen.
 */
function reportVersion(doc: SourceDocument, text: string, visitor: LoadVisitor): void {
  const directive = yamlDirective(text);
  if (!directive || directive.version === '1.1') return;
  visitor.problem({
    kind: 'parse-error',
    message: `"%YAML ${directive.version}": Kubernetes reads only YAML 1.1 and refuses this document ("found incompatible YAML document"); write "%YAML 1.1" or remove the line. The document is linted as written.`,
    source: doc,
    offset: directive.offset,
  });
}

function reportDuplicates(doc: SourceDocument, duplicates: readonly DuplicateKey[], visitor: LoadVisitor): void {
  for (const dup of duplicates) {
    visitor.problem({
      kind: 'duplicate-key',
      message: `Key "${dup.key}" is written more than once in the same mapping; Kubernetes keeps only the last value.`,
      source: doc,
      offset: dup.offset,
    });
  }
}
