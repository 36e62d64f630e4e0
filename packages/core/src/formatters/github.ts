import { printableKeepingLines } from './inert.js';
import { resourceLabel } from '../model/resource.js';
import { helmNotes } from './helm-note.js';
import { severityRank, type Finding, type Severity } from '../base/types.js';
import { countBySeverity, plural } from './counts.js';
import { controlLabel } from './labels.js';
import type { Formatter } from './types.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows at most this many annotations of each type per step (and 50 per job); the rest are dropped. */
export const GITHUB_ANNOTATIONS_PER_TYPE = 10;

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
 * line per finding, which the runner turns into an annotation on the file and
 * line of the pull request, then one plain summary line for the log.
 *
 * Errors come first, then warnings, then notices, so the annotations GitHub
 * keeps when it caps them are the ones that matter most. Suppressed findings
 * are not annotated; the summary counts them. Paths are the display paths,
 * relative to the working directory, which in a workflow is the checkout.
 */
export const github: Formatter = (result, options) => {
  const open = result.findings.filter((f) => !f.suppression);
  const ordered = open
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map(({ f }) => f);
  const out = ordered.map((f) => {
    options.checkpoint?.();
    return githubAnnotation(f);
  });

  const counts = countBySeverity(open);
  const suppressed = result.findings.length - open.length;
  const scope = `${plural(result.files.length, 'file')}, ${plural(result.resources.length, 'resource')}`;
  let summary =
    open.length === 0
      ? `${options.tool.name}: no problems in ${scope}`
      : `${options.tool.name}: ${plural(open.length, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'notice')}) in ${scope}`;
  if (suppressed > 0) summary += `; ${suppressed} suppressed`;
  summary += '.';
  if (counts.error > GITHUB_ANNOTATIONS_PER_TYPE || counts.warning > GITHUB_ANNOTATIONS_PER_TYPE || counts.info > GITHUB_ANNOTATIONS_PER_TYPE) {
    summary += ` GitHub shows at most ${GITHUB_ANNOTATIONS_PER_TYPE} annotations of each type per step; see the log above or a SARIF report for the rest.`;
  }
  out.push(summary);
  return out.join('\n') + '\n';
};

/** The workflow command that annotates one finding (`::error file=…,line=…::message`). */
export function githubAnnotation(f: Finding): string {
  const props: string[] = [];
  // '<stdin>' and '<input>' name no file in the repository: annotate the run instead.
  if (!f.file.startsWith('<')) {
    const { start, end } = f.range;
    props.push(`file=${escapeProperty(printableKeepingLines(f.file))}`, `line=${start.line}`, `endLine=${end.line}`);
    // GitHub takes columns only for a range on one line.
    if (start.line === end.line) props.push(`col=${start.column}`, `endColumn=${end.column}`);
  }
  props.push(`title=${escapeProperty(printableKeepingLines(f.resource ? `${f.ruleId} (${resourceLabel(f.resource)})` : f.ruleId))}`);
  const lines = [printableKeepingLines(f.message)];
  if (f.helm)
    lines.push(
      `Helm template: ${printableKeepingLines(f.helm.template)}`,
      ...helmNotes(f)
        .filter((n) => !n.startsWith('from '))
        .map((n) => printableKeepingLines(n.charAt(0).toUpperCase() + n.slice(1))),
    );
  if (f.remediation) lines.push(`How to fix: ${f.remediation}`);
  if (f.controls.length > 0) lines.push(`Controls: ${f.controls.map(controlLabel).join(', ')}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(lines.join('\n'))}`;
}

/** The message after '::': as @actions/core escapes it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also ':' and ',', which would end the value or the property list. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
