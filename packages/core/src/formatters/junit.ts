import { printableKeepingLines } from './inert.js';
import { resourceLabel } from '../model/resource.js';
import { severityRank, type Finding, type Severity } from '../base/types.js';
import { controlLabel, formatJsonPath } from './labels.js';
import type { FormatOptions, Formatter } from './types.js';
import type { LintResult } from '../engine/result.js';

/** Built-in rules that mean a file or rule could not be checked: a JUnit <error>, not a <failure>. */
const NOT_CHECKED = new Set(['parse-error', 'rule-error']);

interface TestCase {
  name: string;
  file: string;
  /** The line shown for the case: its first finding's, or the resource's. */
  line: number;
  /** Where the case sorts in its suite: the resource's first line, so one resource's cases stay together. */
  order: number;
  findings: Finding[];
}

/**
 * JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps, the JUnit
 * report actions on GitHub).
 *
 * One <testsuite> per file: every one of those views links a test to a file,
 * and a file is what a pull request changes. One <testcase> per resource and
 * rule that found something ("Deployment/shop/api: host-port"), and one
 * passing <testcase> per resource with no finding. The result does not say
 * which rules apply to which kinds, so passing (resource, rule) pairs cannot be
 * listed one by one.
 *
 * A case with several findings (three containers without limits) gets one
 * <failure> that lists them all: Jenkins reads only the first <failure> of a
 * case and GitLab garbles several. `failures` counts failing cases.
 * parse-error and rule-error become <error> (the input could not be checked);
 * a case whose findings are all suppressed is <skipped> with the reasons.
 * Times are 0 and there is no timestamp, so the same input gives the same bytes.
 */
export function* junitChunks(result: LintResult, options: FormatOptions): Generator<string> {
  const suites = new Map<string, Map<string, TestCase>>();
  const suiteOf = (file: string) => {
    let suite = suites.get(file);
    if (!suite) suites.set(file, (suite = new Map()));
    return suite;
  };
  for (const file of result.files) suiteOf(file);

  const resourceLines = new Map<string, number>();
  for (const r of result.resources) {
    const key = `${r.file}\0${resourceLabel(r)}`;
    if (resourceLines.has(key)) continue;
    resourceLines.set(key, r.line);
    suiteOf(r.file).set(resourceLabel(r), { name: resourceLabel(r), file: r.file, line: r.line, order: r.line, findings: [] });
  }
  for (const f of result.findings) {
    const suite = suiteOf(f.file);
    const label = f.resource ? resourceLabel(f.resource) : undefined;
    if (label) suite.delete(label);
    const key = `${label ?? ''}\0${f.ruleId}`;
    let testCase = suite.get(key);
    if (!testCase) {
      const order = (label && resourceLines.get(`${f.file}\0${label}`)) || f.range.start.line;
      testCase = { name: label ? `${label}: ${f.ruleId}` : f.ruleId, file: f.file, line: f.range.start.line, order, findings: [] };
      suite.set(key, testCase);
    }
    testCase.findings.push(f);
  }

  // The root element carries the totals, so cases are counted before any is written.
  const sorted: [string, TestCase[], Record<'tests' | 'failures' | 'errors' | 'skipped', number>][] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const [file, suite] of suites) {
    const cases = [...suite.values()].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
    for (const testCase of cases) {
      const kind = outcomeKind(testCase);
      if (kind) counts[kind]++;
    }
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    sorted.push([file, cases, counts]);
  }
  const root = `name="${attr(options.tool.name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="0"`;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (sorted.length === 0) {
    yield `<testsuites ${root}/>\n`;
    return;
  }
  yield `<testsuites ${root}>\n`;
  for (const [file, cases, counts] of sorted) {
    const suiteAttrs = `name="${attr(file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0"`;
    if (cases.length === 0) {
      yield `  <testsuite ${suiteAttrs}/>\n`;
      continue;
    }
    yield `  <testsuite ${suiteAttrs}>\n`;
    for (const testCase of cases) {
      const outcome = caseOutcome(testCase);
      const attrs = `name="${attr(testCase.name)}" classname="${attr(file)}" file="${attr(file)}" line="${testCase.line}" time="0"`;
      yield outcome ? `    <testcase ${attrs}>\n      ${outcome.xml}\n    </testcase>\n` : `    <testcase ${attrs}/>\n`;
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

export const junit: Formatter = (result, options) => Array.from(junitChunks(result, options)).join('');

/** What a case counts as, without writing its XML. */
function outcomeKind(testCase: TestCase): 'failures' | 'errors' | 'skipped' | undefined {
  if (testCase.findings.length === 0) return undefined;
  const first = testCase.findings.find((f) => !f.suppression);
  if (!first) return 'skipped';
  return NOT_CHECKED.has(first.ruleId) ? 'errors' : 'failures';
}

function caseOutcome(testCase: TestCase): { count: 'failures' | 'errors' | 'skipped'; xml: string } | undefined {
  if (testCase.findings.length === 0) return undefined;
  const open = testCase.findings.filter((f) => !f.suppression);
  if (open.length === 0) {
    const reasons = [...new Set(testCase.findings.map((f) => `${f.suppression?.reason} (${f.suppression?.source})`))];
    return { count: 'skipped', xml: `<skipped message="${attr(`Suppressed: ${reasons.join('; ')}`)}"/>` };
  }
  const first = open[0] as Finding;
  const worst = open.reduce<Severity>((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), 'info');
  const message = open.length === 1 ? first.message : `${first.message} (and ${open.length - 1} more)`;
  const element = NOT_CHECKED.has(first.ruleId) ? 'error' : 'failure';
  const details = open.map((f) => {
    const where = `${f.file}:${f.range.start.line}:${f.range.start.column}`;
    const lines = [`${where} ${f.severity} ${f.ruleId}`, f.message];
    if (f.path.length > 0) lines.push(`  at ${formatJsonPath(f.path)}`);
    if (f.helm) lines.push(`  Helm template: ${f.helm.template}`);
    return lines.join('\n');
  });
  if (first.remediation) details.push(`How to fix: ${first.remediation}`);
  if (first.controls.length > 0) details.push(`Controls: ${first.controls.map(controlLabel).join(', ')}`);
  const xml = `<${element} type="${worst}" message="${attr(message)}">${text(details.join('\n\n'))}</${element}>`;
  return { count: element === 'error' ? 'errors' : 'failures', xml };
}

/**
 * Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF), which a manifest can still smuggle into a message.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  // Line ends as references too: a raw newline from a name would start a line a CI log reads (`::error`).
  return printableKeepingLines(value.replace(NOT_XML, '\uFFFD'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Attribute values: also quotes, and line ends and tabs as references, since parsers turn raw ones into spaces. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
