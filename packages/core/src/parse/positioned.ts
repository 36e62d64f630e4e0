import type { JsonPath } from '../base/types.js';
import { YamlDocument, YamlSyntaxError } from './document.js';
import { LineIndex } from './lines.js';
import type { ConfigProblem } from '../base/problem.js';

/** A settings file (the config, a catalog) read with positions, for problems that name their line. */
export interface PositionedYaml {
  doc: YamlDocument;
  /** A problem at an offset of the file. */
  at(offset: number, message: string): ConfigProblem;
  /** A problem at a JSON path (or its nearest existing ancestor). */
  atPath(path: JsonPath, message: string): ConfigProblem;
  /** Keys written twice, as problems. */
  duplicates: ConfigProblem[];
}

/**
 * Parses a settings file keeping positions. A syntax error comes back as
 * `{ syntax }`, the one problem there is, for the caller to throw as its own
 * error kind.
 */
export function parsePositioned(text: string, display: string): PositionedYaml | { syntax: ConfigProblem } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const at = (offset: number, message: string): ConfigProblem => ({ file: display, ...lines.position(offset), message });
  let doc: YamlDocument;
  try {
    doc = YamlDocument.parse(source, { positions: true });
  } catch (err) {
    if (err instanceof YamlSyntaxError) return { syntax: at(err.offset, `invalid YAML: ${err.message}`) };
    throw err;
  }
  return {
    doc,
    at,
    atPath: (path, message) => at(doc.locate(path).start, message),
    duplicates: doc.duplicates.map((d) => at(d.offset, `key "${d.key}" is written twice; only the last one would count`)),
  };
}
