import path from 'node:path';
import { excerpt } from '../base/excerpt.js';
import { nearest } from '../base/nearest.js';
import { checkSchema, show } from '../base/schema-problems.js';
import type { SchemaErrorObject } from '../base/schema-validator.js';
import { OBJECT_KEYS, validate } from './catalog-validate.generated.js';
import { formatConfigProblem, type ConfigProblem } from '../base/problem.js';
import { BUILTIN_RULE_IDS } from './builtin.js';
import { defineFramework, type Assessment, type Control, type Framework } from './framework.js';
import { ConfigurationError } from '../base/errors.js';
import { definePlugin, type Plugin } from './plugin.js';
import { displayPath } from '../input/collect.js';
import { describeReadError, readRegularTextFile } from '../input/read.js';
import type { JsonPath } from '../base/types.js';
import { parsePositioned } from '../parse/positioned.js';

/**
 * A framework catalog a user writes, in YAML or JSON, that maps their own
 * controls (a company baseline, an auditor's checklist) onto existing rule
 * ids, so a report scores them without any code:
 *
 * ```yaml
 * id: acme-baseline
 * version: "2026.1"
 * title: ACME container baseline
 * controls:
 *   - { id: ACME-1, title: No privileged containers, rules: [privileged-container, host-pid] }
 *   - { id: ACME-9, title: Changes are approved, assessment: manual, note: Reviewed by the change board. }
 * ```
 */

/** A catalog file that is not valid: every problem, each with its file, line and column. */
export class CatalogError extends ConfigurationError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'CatalogError';
  }
}

/** Where a catalog was read from and what it may name: known rule ids and framework ids already taken. */
export interface ParseCatalogOptions {
  /** The file, for messages (absolute, or relative to `cwd`). */
  file: string;
  /** Directory that messages show the file relative to. Default: process.cwd(). */
  cwd?: string;
  /** Rule ids that exist; a control naming another is an error. Unchecked when absent. */
  knownRules?: ReadonlySet<string>;
  /** Framework ids already taken (the built-in catalogs, earlier catalog files). */
  takenFrameworks?: ReadonlySet<string>;
}

interface CatalogValue {
  id: string;
  version: string;
  title: string;
  url?: string;
  controls: { id: string; title: string; rules?: string[]; assessment?: Assessment; note?: string }[];
}

/** The catalog schema's patterns, in words. */
function catalogPatterns(error: SchemaErrorObject, value: unknown): string | undefined {
  const where = error.schemaPath;
  if (where === '#/properties/id/pattern') {
    return `may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit, not ${show(value)}`;
  }
  if (where === '#/properties/url/pattern') return `must be an http or https address, not ${show(value)}`;
  if (where.endsWith('/rules/items/pattern')) return `must be a rule id in lower case with dashes (e.g. host-pid), not ${show(value)}`;
  return undefined;
}

/**
 * Parses and validates a catalog's text against schema/kubecomply-catalog.schema.json,
 * then what a schema cannot know (rule ids that exist, ids used twice);
 * throws CatalogError naming every problem with its line.
 */
export function parseCatalog(text: string, options: ParseCatalogOptions): Framework {
  const cwd = options.cwd ?? process.cwd();
  const display = displayPath(path.resolve(cwd, options.file), cwd);
  const parsed = parsePositioned(text, display);
  if ('syntax' in parsed) throw new CatalogError([parsed.syntax]);
  const { doc } = parsed;
  const problems: ConfigProblem[] = parsed.duplicates;
  const problem = (p: JsonPath, message: string) => problems.push(parsed.atPath(p, message));
  const valid = checkSchema(validate, OBJECT_KEYS, doc.value ?? null, [], problem, catalogPatterns);
  if (!valid) throw new CatalogError(sorted(problems));

  const catalog = doc.value as CatalogValue;
  if (options.takenFrameworks?.has(catalog.id)) problem(['id'], `framework id "${catalog.id}" is already used by a loaded framework; choose another id`);
  const seen = new Map<string, number>();
  catalog.controls.forEach((control, i) => {
    const base: JsonPath = ['controls', i];
    const rules = control.rules ?? [];
    rules.forEach((rule, j) => {
      if (options.knownRules && !options.knownRules.has(rule)) {
        const hint = nearest(rule, options.knownRules);
        problem([...base, 'rules', j], `unknown rule "${excerpt(rule)}" in controls[${i}].rules${hint ? `; did you mean "${hint}"?` : ''}`);
      }
      if (rules.indexOf(rule) !== j) problem([...base, 'rules', j], `controls[${i}].rules names "${rule}" twice`);
    });
    if ((control.assessment ?? (rules.length > 0 ? 'automated' : 'manual')) === 'automated' && rules.length === 0) {
      problem(base, `controls[${i}] is automated but lists no rules; list the rules that decide it, or set assessment: manual or not-static`);
    }
    const first = seen.get(control.id);
    if (first !== undefined) problem([...base, 'id'], `control id "${control.id}" is used twice (first in controls[${first}])`);
    else seen.set(control.id, i);
  });
  if (problems.length > 0) throw new CatalogError(sorted(problems));
  return defineFramework({
    id: catalog.id,
    version: catalog.version,
    title: catalog.title,
    ...(catalog.url !== undefined ? { url: catalog.url } : {}),
    controls: catalog.controls.map(
      (c): Control => ({
        id: c.id,
        title: c.title,
        ...(c.rules && c.rules.length > 0 ? { rules: c.rules } : {}),
        ...(c.assessment ? { assessment: c.assessment } : {}),
        ...(c.note !== undefined ? { note: c.note } : {}),
      }),
    ),
  });
}

function sorted(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Reads and validates a catalog file (YAML or JSON). */
export function loadCatalogFile(file: string, options: Omit<ParseCatalogOptions, 'file'> = {}): Framework {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readRegularTextFile(absolute);
  } catch (err) {
    throw new ConfigurationError(`Cannot read catalog ${displayPath(absolute, cwd)}: ${describeReadError(err)}.`);
  }
  return parseCatalog(text, { ...options, file: absolute, cwd });
}

/**
 * Loads catalog files as plugins with no rules and one framework each, to
 * pass to the Linter after the rule packages: their controls point at the
 * packages' rules. Ids must be new, across `plugins` and the files.
 */
export function loadCatalogPlugins(files: readonly string[], plugins: readonly Plugin[], options: { cwd?: string } = {}): Plugin[] {
  const cwd = options.cwd ?? process.cwd();
  const knownRules = new Set([...BUILTIN_RULE_IDS, ...plugins.flatMap((p) => p.rules.map((r) => r.id))]);
  const taken = new Set(plugins.flatMap((p) => p.frameworks.map((f) => f.id)));
  return files.map((file) => {
    const framework = loadCatalogFile(file, { cwd, knownRules, takenFrameworks: taken });
    taken.add(framework.id);
    return definePlugin({ name: `catalog:${displayPath(path.resolve(cwd, file), cwd)}`, rules: [], frameworks: [framework] });
  });
}
