import { formatKubeVersion } from '../base/kube-version.js';
import type { Framework } from '../engine/framework.js';
import type { ActiveRule } from '../engine/result.js';
import { resourceLabel } from '../model/resource.js';
import type { JsonPath } from '../base/types.js';
import { fingerprinter, fingerprintsAt } from '../policy/baseline.js';
import type { LintResult } from '../engine/result.js';
import type { ControlRef, Finding, Range, ResourceRef, Severity, Suppression } from '../base/types.js';
import { formatJsonPath } from '../base/json-path.js';
import { clip, SARIF_LIMITS, sarifKept, sarifOmittedMessage } from './sarif-limits.js';
import type { FormatOptions, Formatter } from './types.js';

/** The schema the output validates against (the OASIS errata 01 text, as GitHub accepts it). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * Our own partialFingerprints key; `primaryLocationLineHash` is GitHub's and is
 * left to its upload step. Bump the version if `fingerprint` in
 * policy/baseline.ts changes what it hashes.
 */
export const SARIF_FINGERPRINT_KEY = 'kubecomplyFingerprint/v1';

const INFORMATION_URI = 'https://github.com/kubecomply/kubecomply';
const RULE_DOCS_URI = 'https://github.com/kubecomply/kubecomply/blob/main/packages';

/** Rule packages whose docs live in this repository at packages/<dir>/docs/rules/<id>.md. */
const RULE_DOC_DIRS: Readonly<Record<string, string>> = {
  '@kubecomply/rules-cis': 'rules-cis',
  '@kubecomply/rules-pci': 'rules-pci',
  '@kubecomply/rules-schema': 'rules-schema',
};

/**
 * GitHub shows a rule's `security-severity` as critical (9.0+), high (7.0-8.9),
 * medium (4.0-6.9) or low (0.1-3.9). Our severities land in the middle of
 * high, medium and low, so a user who raises a rule to error in the config
 * sees it as high, never critical: critical is left for a later per-rule score.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.5', info: '2.0' };

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

type SarifLevel = 'error' | 'warning' | 'note';

interface Message {
  text: string;
  markdown?: string;
}

interface LogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
}

interface Location {
  id?: number;
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  logicalLocations?: LogicalLocation[];
  message?: Message;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string; plugin?: string; controls: ControlRef[] };
}

interface SarifSuppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification: string;
  properties: { source: Suppression['source']; expires?: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: Message;
  locations: Location[];
  relatedLocations?: Location[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties: { controls: ControlRef[]; helmTemplate?: string; helmMapping?: string; helmReason?: string };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every
 * rule that ran (with help, docs link and the controls it gives evidence for),
 * every finding as a result, suppressed ones with `suppressions`. No
 * timestamps and paths relative to the checkout, so the same input gives the
 * same bytes on every machine.
 *
 * Written in pieces, a result at a time, so a million findings never become
 * one string (V8 caps a string at about 512 MB) nor a million result objects
 * held at once: each run's head and tail are serialised once around a
 * placeholder for its results, and each result is serialised as it is made,
 * indented to where it sits. The bytes are those of `JSON.stringify(log, null, 2)`.
 */
export function* sarifChunks(result: LintResult, options: FormatOptions): Generator<string> {
  const rules = descriptorsFor(result.rules, result.findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors = rules.map((rule) => descriptor(rule, result.frameworks));
  // The baseline's fingerprints, so a code scanning alert and a baseline entry name a finding alike.
  const print = fingerprinter();
  // Within GitHub's limits (formatters/sarif-limits.ts): one run of at most 25,000 results, the most severe.
  const kept = sarifKept(result.findings);
  // Fingerprints count repeats in input order, so with a cut they are counted over every finding, and made for the kept ones only.
  const keptPrints = kept ? fingerprintsAt(result.findings, kept) : undefined;
  const included = kept ? kept.map((i) => result.findings[i] as Finding) : result.findings;
  const printOf = (finding: Finding, n: number): string => (keptPrints ? (keptPrints[n] as string) : print(finding));
  const toResult = (finding: Finding, n: number): SarifResult => {
    const out: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) as number,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [location(finding.file, finding.range, finding.resource, finding.path)],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: printOf(finding, n) },
      properties: { controls: finding.controls },
    };
    if (finding.related && finding.related.length > 0) {
      out.relatedLocations = finding.related.slice(0, SARIF_LIMITS.relatedLocationsPerResult).map((r, n) => ({
        id: n + 1,
        ...location(r.file, r.range, r.resource, r.path),
        message: { text: r.message },
      }));
    }
    if (finding.suppression) out.suppressions = [suppression(finding.suppression)];
    if (finding.helm) out.properties.helmTemplate = finding.helm.template;
    if (finding.helm?.mapping) out.properties.helmMapping = finding.helm.mapping;
    if (finding.helm?.reason) out.properties.helmReason = finding.helm.reason;
    return out;
  };

  const driver: Record<string, unknown> = {
    name: options.tool.name,
    version: options.tool.version,
    informationUri: INFORMATION_URI,
  };
  if (SEMVER.test(options.tool.version)) driver['semanticVersion'] = options.tool.version;
  driver['rules'] = descriptors;

  // Runs are written one after another, each from its own group of findings.
  const groups = [included];
  const omitted = sarifOmittedMessage(result.findings.length);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: groups.map((findings, i) => ({
      tool: { driver },
      ...(omitted ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: omitted } }] }] } : {}),
      results: findings.length === 0 ? [] : `${RESULTS_PLACEHOLDER}${i}`,
      columnKind: 'utf16CodeUnits',
      properties: {
        kubernetesVersion: formatKubeVersion(result.kubeVersion),
        frameworks: result.frameworks.map((f) => ({ id: f.id, version: f.version, title: f.title })),
      },
    })),
  };
  let rest = JSON.stringify(log, null, 2) + '\n';
  for (const [i, findings] of groups.entries()) {
    if (findings.length === 0) continue;
    const placeholder = JSON.stringify(`${RESULTS_PLACEHOLDER}${i}`);
    const at = rest.indexOf(placeholder);
    yield `${rest.slice(0, at)}[\n`;
    rest = rest.slice(at + placeholder.length);
    for (let k = 0; k < findings.length; k++) {
      const text = JSON.stringify(toResult(findings[k] as Finding, k), null, 2);
      yield `${RESULT_INDENT}${text.replace(/\n/g, `\n${RESULT_INDENT}`)}${k === findings.length - 1 ? '\n' : ',\n'}`;
    }
    yield RESULTS_CLOSE;
  }
  yield rest;
}

/** Stands for a run's results in its serialised head; a control character that no rule text holds. */
const RESULTS_PLACEHOLDER = '\u0000results of run ';
/** A result sits in log.runs[i].results[k]: four levels of two spaces. */
const RESULT_INDENT = ' '.repeat(8);
const RESULTS_CLOSE = ' '.repeat(6) + ']';

export const sarif: Formatter = (result, options) => Array.from(sarifChunks(result, options)).join('');

/** The rules that ran, plus any rule a finding names that is not among them, sorted by id. */
function descriptorsFor(active: readonly ActiveRule[], findings: readonly Finding[]): ActiveRule[] {
  const byId = new Map(active.map((r) => [r.id, r]));
  for (const f of findings) {
    if (byId.has(f.ruleId)) continue;
    byId.set(f.ruleId, {
      id: f.ruleId,
      description: `Findings of rule ${f.ruleId}.`,
      severity: f.severity,
      remediation: f.remediation,
      plugin: '',
      controls: f.controls,
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function descriptor(rule: ActiveRule, frameworks: readonly Framework[]): ReportingDescriptor {
  const helpUri = rule.helpUri ?? docsUri(rule);
  const controls = rule.controls.map((c) => describeControl(c, frameworks));
  const textLines = [rule.description, '', `How to fix: ${rule.remediation}`];
  const mdLines = [markdownText(rule.description), '', `**How to fix:** ${markdownText(rule.remediation)}`];
  if (controls.length > 0) {
    textLines.push('', 'Controls:', ...controls.map((c) => `- ${c.framework}, ${c.id}${c.title ? `: ${c.title}` : ''}`));
    mdLines.push('', '**Controls**', '', '| Framework | Control | Title |', '| --- | --- | --- |');
    for (const c of controls) mdLines.push(`| ${tableCell(c.framework)} | ${tableCell(c.id)} | ${tableCell(c.title)} |`);
  }
  if (helpUri) {
    textLines.push('', `Documentation: ${helpUri}`);
    mdLines.push('', `[Rule documentation](${helpUri})`);
  }
  const frameworkIds = [...new Set(rule.controls.map((c) => c.framework))].sort();
  const out: ReportingDescriptor = {
    id: rule.id,
    name: clip(pascalCase(rule.id), SARIF_LIMITS.ruleNameLength),
    shortDescription: { text: clip(rule.description, SARIF_LIMITS.shortDescriptionLength) },
    fullDescription: { text: `${rule.description} ${rule.remediation}`.trim() },
    help: { text: textLines.join('\n'), markdown: mdLines.join('\n') },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'kubernetes', ...frameworkIds].slice(0, SARIF_LIMITS.tagsPerRule),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      controls: rule.controls,
    },
  };
  if (rule.plugin) out.properties.plugin = rule.plugin;
  return out;
}

function docsUri(rule: ActiveRule): string | undefined {
  const dir = RULE_DOC_DIRS[rule.plugin];
  return dir ? `${RULE_DOCS_URI}/${dir}/docs/rules/${encodeURIComponent(rule.id)}.md` : undefined;
}

function describeControl(control: ControlRef, frameworks: readonly Framework[]): { framework: string; id: string; title: string } {
  const fw = frameworks.find((f) => f.id === control.framework && f.version === control.version);
  const title = fw?.controls.find((c) => c.id === control.id)?.title ?? '';
  return { framework: `${fw?.title ?? control.framework} ${control.version}`, id: control.id, title };
}

function location(file: string, range: Range, resource: ResourceRef | undefined, path: JsonPath): Location {
  const out: Location = {
    physicalLocation: {
      artifactLocation: artifactLocation(file),
      region: {
        startLine: range.start.line,
        startColumn: range.start.column,
        endLine: range.end.line,
        endColumn: range.end.column,
      },
    },
  };
  const logical: LogicalLocation[] = [];
  if (resource) logical.push({ name: resource.name, fullyQualifiedName: resourceLabel(resource), kind: 'resource' });
  if (path.length > 0) {
    const last = path[path.length - 1] as string | number;
    logical.push({ name: String(last), fullyQualifiedName: formatJsonPath(path), kind: typeof last === 'number' ? 'element' : 'property' });
  }
  if (logical.length > 0) out.logicalLocations = logical;
  return out;
}

/**
 * Display paths are relative with '/' separators, so they become URIs relative
 * to the checkout (%SRCROOT%), each segment percent-encoded (spaces, '#', '%',
 * ':' that would read as a scheme, and the '<stdin>' pseudo-file). A path that
 * is absolute (another drive on Windows) becomes a file: URI.
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const drive = /^[A-Za-z]:\//.exec(file);
  if (drive) return { uri: `file:///${drive[0]}${encodePath(file.slice(drive[0].length))}` };
  if (file.startsWith('/')) return { uri: `file://${encodePath(file)}` };
  return { uri: encodePath(file), uriBaseId: '%SRCROOT%' };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function suppression(s: Suppression): SarifSuppression {
  const out: SarifSuppression = {
    kind: s.source === 'annotation' ? 'inSource' : 'external',
    status: 'accepted',
    justification: s.reason,
    properties: { source: s.source },
  };
  if (s.expires !== undefined) out.properties.expires = s.expires;
  return out;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** Rule text is prose, not markup: keep it from opening HTML tags. */
function markdownText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tableCell(text: string): string {
  return markdownText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
