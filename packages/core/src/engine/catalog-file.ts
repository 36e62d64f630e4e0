import path from 'node:path';
import { nearest } from '../base/nearest.js';
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

const ROOT_KEYS = ['id', 'version', 'title', 'url', 'controls'] as const;
const CONTROL_KEYS = ['id', 'title', 'rules', 'assessment', 'note'] as const;
const ASSESSMENTS: readonly Assessment[] = ['automated', 'manual', 'not-static'];
/** Framework ids are used in flags (`--min-score <id>=<n>`), so they keep to a plain alphabet. */
const FRAMEWORK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === 'object' && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Parses and validates a catalog's text; throws CatalogError naming every problem with its line. */
export function parseCatalog(text: string, options: ParseCatalogOptions): Framework {
  const cwd = options.cwd ?? process.cwd();
  const display = displayPath(path.resolve(cwd, options.file), cwd);
  const parsed = parsePositioned(text, display);
  if ('syntax' in parsed) throw new CatalogError([parsed.syntax]);
  const { doc, at } = parsed;
  const problems: ConfigProblem[] = parsed.duplicates;
  const problem = (p: JsonPath, message: string) => problems.push(parsed.atPath(p, message));
  /** The value as written in the file, for messages about scalars YAML read as numbers. */
  const written = (p: JsonPath): string => {
    const { start, end } = doc.locate(p);
    const pair = doc.text.slice(start, end);
    const m = /:\s*(.*)$/s.exec(pair);
    return (m ? (m[1] as string) : pair).trim();
  };

  const checkKeys = (value: Mapping, allowed: readonly string[], base: JsonPath, where: string) => {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const hint = nearest(key, allowed);
      problem([...base, key], `unknown key "${key}"${where}; ${hint ? `did you mean "${hint}"?` : `allowed keys: ${allowed.join(', ')}`}`);
    }
  };
  /** A required or optional text field; numbers get a hint, since YAML reads 1.10 as 1.1. */
  const field = (value: Mapping, key: string, base: JsonPath, required: boolean): string | undefined => {
    const v = value[key];
    const p = [...base, key];
    const name = base.length === 0 ? key : `${formatPath(base)}.${key}`;
    if (v === undefined) {
      if (required) problems.push(at(doc.locate(base).start, `${base.length === 0 ? 'the catalog' : formatPath(base)} needs "${key}"`));
      return undefined;
    }
    if (typeof v === 'string') {
      if (v.trim() === '') problem(p, `${name} is empty`);
      return v;
    }
    if (typeof v === 'number' || typeof v === 'boolean') {
      const raw = written(p);
      problem(p, `${name} must be a string; YAML reads ${raw} as ${describe(v)}, so write it in quotes: ${key}: "${raw.replace(/^["']|["']$/g, '')}"`);
      return undefined;
    }
    problem(p, `${name} must be a string, not ${describe(v)}`);
    return undefined;
  };

  const root = doc.value;
  if (!isMapping(root)) throw new CatalogError([at(0, `a catalog is a mapping with ${ROOT_KEYS.join(', ')}; this file holds ${describe(root)}`)]);
  checkKeys(root, ROOT_KEYS, [], '');
  const id = field(root, 'id', [], true);
  if (id !== undefined && id.trim() !== '') {
    if (!FRAMEWORK_ID.test(id)) problem(['id'], `id "${id}" may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit`);
    else if (options.takenFrameworks?.has(id)) problem(['id'], `framework id "${id}" is already used by a loaded framework; choose another id`);
  }
  const version = field(root, 'version', [], true);
  const title = field(root, 'title', [], true);
  const url = field(root, 'url', [], false);
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) problem(['url'], `url must be an http or https address, not "${url}"`);

  const controls: Control[] = [];
  const rawControls = root['controls'];
  if (rawControls === undefined) {
    problems.push(at(0, 'the catalog needs "controls", a list of controls'));
  } else if (!Array.isArray(rawControls) || rawControls.length === 0) {
    problem(['controls'], `controls must be a list of at least one control, not ${describe(rawControls)}`);
  } else {
    const seen = new Map<string, number>();
    rawControls.forEach((raw: unknown, i) => {
      const base: JsonPath = ['controls', i];
      if (!isMapping(raw)) {
        problem(base, `controls[${i}] must be a mapping with id and title, not ${describe(raw)}`);
        return;
      }
      checkKeys(raw, CONTROL_KEYS, base, ` in controls[${i}]`);
      const controlId = field(raw, 'id', base, true);
      const controlTitle = field(raw, 'title', base, true);
      const note = field(raw, 'note', base, false);
      let assessment: Assessment | undefined;
      const rawAssessment = raw['assessment'];
      if (rawAssessment !== undefined) {
        if (typeof rawAssessment === 'string' && (ASSESSMENTS as readonly string[]).includes(rawAssessment)) assessment = rawAssessment as Assessment;
        else problem([...base, 'assessment'], `controls[${i}].assessment must be one of ${ASSESSMENTS.join(', ')}, not ${describe(rawAssessment)}`);
      }
      let rules: string[] | undefined;
      const rawRules = raw['rules'];
      if (rawRules !== undefined) {
        if (!Array.isArray(rawRules)) {
          problem([...base, 'rules'], `controls[${i}].rules must be a list of rule ids, not ${describe(rawRules)}`);
        } else {
          rules = [];
          rawRules.forEach((rule: unknown, j) => {
            if (typeof rule !== 'string' || rule === '') {
              problem([...base, 'rules', j], `controls[${i}].rules[${j}] must be a rule id, not ${describe(rule)}`);
              return;
            }
            if (options.knownRules && !options.knownRules.has(rule)) {
              const hint = nearest(rule, options.knownRules);
              problem([...base, 'rules', j], `unknown rule "${rule}" in controls[${i}].rules${hint ? `; did you mean "${hint}"?` : ''}`);
            }
            if (rules?.includes(rule)) problem([...base, 'rules', j], `controls[${i}].rules names "${rule}" twice`);
            rules?.push(rule);
          });
        }
      }
      const decidedBy = assessment ?? (rules && rules.length > 0 ? 'automated' : 'manual');
      if (decidedBy === 'automated' && (!rules || rules.length === 0)) {
        problem(base, `controls[${i}] is automated but lists no rules; list the rules that decide it, or set assessment: manual or not-static`);
      }
      if (controlId === undefined || controlTitle === undefined) return;
      const first = seen.get(controlId);
      if (first !== undefined) {
        problem([...base, 'id'], `control id "${controlId}" is used twice (first in controls[${first}])`);
        return;
      }
      seen.set(controlId, i);
      controls.push({
        id: controlId,
        title: controlTitle,
        ...(rules && rules.length > 0 ? { rules } : {}),
        ...(assessment ? { assessment } : {}),
        ...(note !== undefined ? { note } : {}),
      });
    });
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new CatalogError(problems);
  }
  return defineFramework({
    id: id as string,
    version: version as string,
    title: title as string,
    ...(url !== undefined ? { url } : {}),
    controls,
  });
}

function formatPath(p: JsonPath): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
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
