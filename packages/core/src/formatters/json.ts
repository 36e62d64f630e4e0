import { formatKubeVersion } from '../base/kube-version.js';
import { countBySeverity } from './counts.js';
import type { LintResult } from '../engine/result.js';
import type { ControlRef, Finding, JsonPath, Range } from '../base/types.js';
import type { FormatOptions, Formatter } from './types.js';

/**
 * Version of the JSON report's shape. It changes only when a field is removed
 * or changes meaning; new fields may appear in any version.
 */
export const JSON_REPORT_VERSION = 1;

/**
 * The machine-readable report, in pieces, so a large report is written as it
 * is made instead of being held whole in memory. Findings, resources and
 * skipped entries take one line each: the file stays easy to grep and diff,
 * and half the size of fully indented JSON. Its shape is documented in
 * docs/json-report.md.
 */
export function* jsonChunks(result: LintResult, options: FormatOptions): Generator<string> {
  // errors, warnings and infos count active findings; suppressed ones are
  // in `findings` too, with their `suppression`, and counted apart.
  const active = result.findings.filter((f) => !f.suppression);
  const counts = countBySeverity(active);
  const head = {
    reportVersion: JSON_REPORT_VERSION,
    tool: options.tool,
    kubernetesVersion: formatKubeVersion(result.kubeVersion),
    config: result.configFile ?? null,
    frameworks: result.frameworks.map((f) => ({ id: f.id, version: f.version, title: f.title })),
    summary: {
      files: result.files.length,
      resources: result.resources.length,
      findings: result.findings.length,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      suppressed: result.findings.length - active.length,
      skippedDocuments: result.skipped.filter((s) => s.reason === 'not-kubernetes').length,
      emptyFiles: result.skipped.filter((s) => s.reason === 'empty').length,
    },
    rules: rulesOf(result),
  };
  const opening = JSON.stringify(head, null, 2);
  yield opening.slice(0, opening.length - 2) + ',\n';
  const lists: [string, readonly unknown[]][] = [
    ['findings', result.findings],
    ['resources', result.resources],
    ['skipped', result.skipped],
    ['files', result.files],
  ];
  for (const [index, [name, items]] of lists.entries()) {
    const close = index === lists.length - 1 ? '\n' : ',\n';
    if (items.length === 0) {
      yield `  "${name}": []${close}`;
      continue;
    }
    yield `  "${name}": [\n`;
    const line = name === 'findings' ? findingWriter() : (item: unknown) => JSON.stringify(item);
    for (let i = 0; i < items.length; i++) {
      yield `    ${line(items[i])}${i === items.length - 1 ? '\n' : ',\n'}`;
    }
    yield `  ]${close}`;
  }
  yield '}\n';
}

export const json: Formatter = (result, options) => Array.from(jsonChunks(result, options)).join('');

/**
 * Each rule that has findings, once: what it checks, how to fix it and the
 * controls it gives evidence against. Findings name their rule rather than
 * repeat this, which would make up half of a large report.
 */
export function rulesOf(
  result: LintResult,
): Record<string, { description: string; severity: string; remediation: string; helpUri?: string; controls: ControlRef[] }> {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const out: Record<string, { description: string; severity: string; remediation: string; helpUri?: string; controls: ControlRef[] }> = {};
  for (const rule of [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!used.has(rule.id)) continue;
    out[rule.id] = {
      description: rule.description,
      severity: rule.severity,
      remediation: rule.remediation,
      ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
      controls: rule.controls,
    };
  }
  return out;
}

/**
 * Serialises findings with their fields in the documented order. Findings
 * share their resource, file and Helm objects with the other findings of the
 * same document, and the engine shares messages, paths and equal ranges
 * between findings (engine/finding-parts.ts), so each of those is turned
 * into JSON once.
 */
function findingWriter(): (item: unknown) => string {
  const q = JSON.stringify;
  const objects = new WeakMap<object, string>();
  // By identity, bounded: paths the engine did not share (a worker's findings) are each met once.
  const paths = new Map<JsonPath, string>();
  const files = new Map<string, string>();
  // Rule ids and path keys repeat from finding to finding (`spec`, `containers`, ...): each is quoted once.
  const names = new Map<string, string>();
  const name = (text: string): string => {
    let json = names.get(text);
    if (json === undefined) {
      // A bounded table: keys of a huge ConfigMap are each met once or twice.
      if (names.size >= 4096) names.clear();
      names.set(text, (json = q(text)));
    }
    return json;
  };
  // Messages too: a few hundred texts make up most of a large report's findings.
  const messages = new Map<string, string>();
  const message = (text: string): string => {
    let json = messages.get(text);
    if (json === undefined) {
      if (messages.size >= 16384) messages.clear();
      messages.set(text, (json = q(text)));
    }
    return json;
  };
  const once = (value: object): string => {
    let json = objects.get(value);
    if (json === undefined) objects.set(value, (json = q(value)));
    return json;
  };
  const pathOf = (value: JsonPath): string => {
    let json = paths.get(value);
    if (json === undefined) {
      json = '';
      for (const segment of value) json += (json === '' ? '' : ',') + (typeof segment === 'number' ? String(segment) : name(segment));
      if (paths.size >= 4096) paths.clear();
      paths.set(value, json);
    }
    return json;
  };
  let lastRange: Range | undefined;
  let lastRangeJson = '';
  return (item) => {
    const f = item as Finding;
    let file = files.get(f.file);
    if (file === undefined) files.set(f.file, (file = q(f.file)));
    if (f.range !== lastRange) {
      const { start, end } = f.range;
      lastRange = f.range;
      lastRangeJson = `{"start":{"line":${start.line},"column":${start.column}},"end":{"line":${end.line},"column":${end.column}}}`;
    }
    return (
      `{"ruleId":${name(f.ruleId)},"severity":"${f.severity}","message":${message(f.message)}` +
      (f.resource ? `,"resource":${once(f.resource)}` : '') +
      `,"file":${file},"range":${lastRangeJson}` +
      `,"path":[${pathOf(f.path)}],"pathFound":${f.pathFound}` +
      (f.helm ? `,"helm":${once(f.helm)}` : '') +
      (f.related ? `,"related":${q(f.related)}` : '') +
      (f.omitted !== undefined ? `,"omitted":${f.omitted}` : '') +
      (f.suppression ? `,"suppression":${q(f.suppression)}` : '') +
      '}'
    );
  };
}

/** A finding as JSON reports hold it: its rule's controls and remediation are in `rules`. */
export function jsonFinding(finding: Finding): Omit<Finding, 'controls' | 'remediation'> {
  const { controls: _controls, remediation: _remediation, ...rest } = finding;
  return rest;
}
