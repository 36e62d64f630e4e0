import { formatKubeVersion } from '../base/kube-version.js';
import { resourceLabel } from '../model/resource.js';
import {
  CONTROL_STATUSES,
  complianceReport,
  formatScore,
  type ComplianceReport,
  type ControlResult,
  type ControlStatus,
  type FrameworkResult,
} from '../report/compliance.js';
import { groupByRule, sourceLink } from '../report/rule-groups.js';
import type { Finding, Severity } from '../base/types.js';
import { countBySeverity, plural } from './counts.js';
import { barChart, escapeXml as esc, stackedChart } from './svg-charts.js';
import type { FormatOptions, Formatter } from './types.js';
import type { LintResult } from '../engine/result.js';
import { reachSection } from './html-reach.js';

/** Findings listed under each control; the findings table holds them all. */
export const HTML_FINDINGS_PER_CONTROL = 20;
/** Bars in the "findings per rule" and "findings per control" charts. */
export const HTML_CHART_ROWS = 15;
/** A control's evidence rules are listed inline up to this many, else collapsed. */
const RULES_SHOWN = 6;
/** Chart size: two fit side by side in the page's width. */
const CHART = { width: 560, labelWidth: 230 };
/** Framework titles are longer than rule ids: their charts give labels more room. */
const FRAMEWORK_CHART = { width: 560, labelWidth: 270 };

const STATUS_LABEL: Readonly<Record<ControlStatus, string>> = {
  failed: 'Failed',
  passed: 'Passed',
  'not-applicable': 'Not applicable',
  'not-evaluated': 'Not evaluated',
  manual: 'Manual',
  'not-static': 'Not static',
};

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Status columns of the score table; passed controls are in its "passed / decided" column already. */
const TABLE_STATUSES = CONTROL_STATUSES.filter((s) => s !== 'passed');

function scoreTone(score: number | null): string {
  if (score === null) return 'none';
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

/** An id usable in a fragment (#...), from framework and control ids that may hold dots and spaces. */
function anchor(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('--');
}

/** Escaped text that may break after each "/" (long paths in narrow columns). */
function breakable(text: string): string {
  return esc(text).replace(/\//g, '/<wbr>');
}

function location(f: Finding, options: FormatOptions): string {
  const label = `${f.file}:${f.range.start.line}:${f.range.start.column}`;
  if (f.file.startsWith('<')) return esc(label);
  return `<a href="${esc(sourceLink(f.file, f.range.start.line, options.sourceLinkBase))}">${breakable(label)}</a>`;
}

function resource(f: Finding): string {
  return f.resource ? breakable(resourceLabel(f.resource)) : '';
}

function badge(status: ControlStatus): string {
  return `<span class="status ${status}">${STATUS_LABEL[status]}</span>`;
}

function findingList(findings: readonly Finding[], options: FormatOptions, limit = Infinity, filter = ''): string {
  const more = findings.length - limit;
  const rest =
    more > 0
      ? `<li class="muted">… and ${more} more: ${[...new Set(findings.map((f) => f.ruleId))]
          .map((r) => `<a href="#filter:rule=${encodeURIComponent(r)}${filter}">${esc(r)}</a>`)
          .join(', ')} in the findings table</li>`
      : '';
  return `<ul class="findings">${findings
    .slice(0, limit)
    .map(
      (f) =>
        `<li>${location(f, options)} <span class="res">${resource(f)}</span> ${esc(f.message)}${f.suppression ? ` <em>(suppressed: ${esc(f.suppression.reason)})</em>` : ''}</li>`,
    )
    .join('')}${rest}</ul>`;
}

function header(result: Parameters<Formatter>[0], report: ComplianceReport, options: FormatOptions): string {
  const open = result.findings.filter((f) => !f.suppression);
  const counts = countBySeverity(open);
  const suppressed = result.findings.length - open.length;
  const facts: [string, string][] = [
    ['Files', String(result.files.length)],
    ['Resources', String(result.resources.length)],
    ['Errors', String(counts.error)],
    ['Warnings', String(counts.warning)],
    ['Info', String(counts.info)],
    ['Suppressed', String(suppressed)],
  ];
  const when = options.generatedAt ? ` · generated <time datetime="${esc(options.generatedAt)}">${esc(options.generatedAt)}</time>` : '';
  const out = [
    '<header>',
    '<h1>Kubernetes compliance report</h1>',
    `<p class="meta">${esc(options.tool.name)} ${esc(options.tool.version)} · Kubernetes ${esc(formatKubeVersion(result.kubeVersion))} · ${plural(report.frameworks.length, 'framework')}${when}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    '</header>',
  ];
  if (report.inputProblems.length > 0) {
    out.push(
      `<div class="alert" role="alert"><strong>${plural(report.inputProblems.length, 'part')} of the input could not be read or checked.</strong> Controls were decided on the rest.${findingList(report.inputProblems, options)}</div>`,
    );
  }
  return out.join('\n');
}

function scores(report: ComplianceReport): string {
  if (report.frameworks.length === 0) return '';
  // Titles alone: the table under the charts gives versions and ids.
  const label = (fw: FrameworkResult) => fw.title;
  const scoreBars = barChart(
    report.frameworks.map((fw) => ({
      label: label(fw),
      value: fw.score ?? 0,
      tone: scoreTone(fw.score),
      text: fw.score === null ? 'n/a' : `${formatScore(fw.score)} %`,
    })),
    { title: 'Score per framework (passed ÷ decided automated controls)', max: 100, axis: true, ...FRAMEWORK_CHART },
  );
  const statusBars = stackedChart(
    report.frameworks.map((fw) => ({
      label: label(fw),
      segments: CONTROL_STATUSES.map((s) => ({ value: fw.counts[s], tone: s, label: STATUS_LABEL[s].toLowerCase() })),
    })),
    CONTROL_STATUSES.map((s) => ({ tone: s, label: STATUS_LABEL[s] })),
    'Controls per status and framework',
    FRAMEWORK_CHART.width,
    FRAMEWORK_CHART.labelWidth,
  );
  const rows = report.frameworks
    .map(
      (fw) =>
        `<tr><th scope="row"><a href="#${anchor('fw', fw.id)}">${esc(fw.title)}</a> <span class="muted">${esc(fw.version)} · <code>${esc(fw.id)}</code></span></th>` +
        `<td class="num"><span class="score ${scoreTone(fw.score)}">${fw.score === null ? 'n/a' : `${formatScore(fw.score)} %`}</span></td>` +
        `<td class="num">${fw.passed} / ${fw.passed + fw.failed}</td>` +
        TABLE_STATUSES.map((s) => `<td class="num">${fw.counts[s]}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return [
    '<section id="scores"><h2>Scores</h2>',
    '<div class="charts">',
    `<figure>${scoreBars}<figcaption>Score per framework: passed ÷ (passed + failed) automated controls.</figcaption></figure>`,
    `<figure>${statusBars}<figcaption>Every control of each framework, by status.</figcaption></figure>`,
    '</div>',
    '<div class="scroll"><table class="summary"><thead><tr><th>Framework</th><th>Score</th><th>Passed / decided</th>',
    TABLE_STATUSES.map((s) => `<th>${STATUS_LABEL[s]}</th>`).join(''),
    '</tr></thead><tbody>',
    rows,
    '</tbody></table></div>',
    '<p class="note">The score counts only automated controls the files decided: passed ÷ (passed + failed) × 100, rounded down to one decimal. Manual, not-static, not-applicable and not-evaluated controls are listed below, not scored. Suppressed findings do not fail a control; they are listed under Suppressions with their reasons.</p>',
    '</section>',
  ].join('\n');
}

function breakdowns(result: Parameters<Formatter>[0], report: ComplianceReport): string {
  const open = result.findings.filter((f) => !f.suppression);
  const groups = groupByRule(open, result.rules);
  const failedControls = report.frameworks
    .flatMap((fw) => fw.controls.filter((c) => c.status === 'failed').map((c) => ({ fw, c })))
    .sort((a, b) => b.c.findings.length - a.c.findings.length);
  if (groups.length === 0 && failedControls.length === 0) return '';
  const ruleMax = Math.max(1, ...groups.map((g) => g.findings.length));
  const ruleChart = barChart(
    groups.slice(0, HTML_CHART_ROWS).map((g) => ({ label: g.ruleId, value: g.findings.length, tone: g.severity, text: plural(g.findings.length, 'finding') })),
    { title: 'Open findings per rule', max: ruleMax, ...CHART },
  );
  const controlMax = Math.max(1, ...failedControls.map((x) => x.c.findings.length));
  const controlChart = barChart(
    failedControls.slice(0, HTML_CHART_ROWS).map(({ fw, c }) => ({
      label: `${fw.id} ${c.id} ${c.title}`,
      value: c.findings.length,
      tone: 'failed',
      text: plural(c.findings.length, 'finding'),
    })),
    { title: 'Open findings per failed control', max: controlMax, ...CHART },
  );
  const more = (n: number, what: string) => (n > HTML_CHART_ROWS ? `<p class="note">The ${HTML_CHART_ROWS} with the most findings of ${n} ${what}.</p>` : '');
  return [
    '<section id="breakdown"><h2>Findings per rule and per control</h2><div class="charts">',
    groups.length > 0
      ? `<figure>${ruleChart}<figcaption>Open findings per rule, coloured by severity.</figcaption>${more(groups.length, 'rules')}</figure>`
      : '',
    failedControls.length > 0
      ? `<figure>${controlChart}<figcaption>Open findings per failed control.</figcaption>${more(failedControls.length, 'failed controls')}</figure>`
      : '',
    '</div></section>',
  ].join('\n');
}

function controlRow(fw: FrameworkResult, c: ControlResult, options: FormatOptions): string {
  const notes: string[] = [];
  if (c.note) notes.push(esc(c.note));
  if (c.rulesNotRun.length > 0) notes.push(`Rules not run: ${c.rulesNotRun.map((r) => `<code>${esc(r)}</code>`).join(', ')}`);
  const ruleCodes = c.rules.map((r) => `<code>${esc(r)}</code>`).join(' ');
  const rules =
    c.rules.length === 0
      ? ''
      : c.rules.length <= RULES_SHOWN
        ? `<div class="rules">${ruleCodes}</div>`
        : `<details class="rules-more"><summary>${c.rules.length} evidence rules</summary><div class="rules">${ruleCodes}</div></details>`;
  const evidence: string[] = [];
  if (c.findings.length > 0) {
    evidence.push(
      `<details><summary>${plural(c.findings.length, 'finding')}</summary>${findingList(c.findings, options, HTML_FINDINGS_PER_CONTROL)}</details>`,
    );
  }
  if (c.suppressed.length > 0) {
    evidence.push(
      `<details><summary>${c.suppressed.length} suppressed</summary>${findingList(c.suppressed, options, HTML_FINDINGS_PER_CONTROL, '&amp;status=suppressed')}</details>`,
    );
  }
  const level = c.level !== undefined ? ` <span class="muted">L${c.level}</span>` : '';
  return (
    `<tr id="${anchor('c', fw.id, c.id)}" data-status="${c.status}"><td class="cid"><code>${esc(c.id)}</code>${level}</td>` +
    `<td>${esc(c.title)}${notes.map((n) => `<div class="cnote">${n}</div>`).join('')}${rules}</td>` +
    `<td>${esc(c.assessment)}</td><td>${badge(c.status)}</td>` +
    `<td class="num">${c.rules.length > 0 ? `${c.resources.failed} / ${c.resources.evaluated}` : '–'}</td>` +
    `<td>${evidence.join('') || (c.findings.length === 0 ? '<span class="muted">none</span>' : '')}</td></tr>`
  );
}

function frameworks(report: ComplianceReport, options: FormatOptions): string {
  return report.frameworks
    .map((fw) => {
      const title = fw.url && /^https?:\/\//.test(fw.url) ? `<a href="${esc(fw.url)}">${esc(fw.title)}</a>` : esc(fw.title);
      const summary = CONTROL_STATUSES.filter((s) => fw.counts[s] > 0)
        .map((s) => `${fw.counts[s]} ${STATUS_LABEL[s].toLowerCase()}`)
        .join(' · ');
      return [
        `<section class="framework" id="${anchor('fw', fw.id)}">`,
        `<h3>${title} <span class="muted">${esc(fw.version)} · <code>${esc(fw.id)}</code></span> <span class="score ${scoreTone(fw.score)}">${fw.score === null ? 'n/a' : `${formatScore(fw.score)} %`}</span></h3>`,
        `<p class="muted">${plural(fw.controls.length, 'control')}: ${summary}.</p>`,
        '<details open><summary>Controls</summary>',
        '<div class="scroll"><table class="controls"><thead><tr><th>Control</th><th>Title and evidence rules</th><th>Assessment</th><th>Status</th><th title="resources with an open finding / resources its rules checked">Resources failed / checked</th><th>Findings</th></tr></thead><tbody>',
        fw.controls.map((c) => controlRow(fw, c, options)).join('\n'),
        '</tbody></table></div></details></section>',
      ].join('\n');
    })
    .join('\n');
}

/**
 * Above this many findings the page lists only the first ones of each rule
 * (and of the suppressions) and says how many more there are: a browser
 * lays out a table of a few thousand rows in a moment, of a hundred thousand
 * in minutes. The JSON and SARIF reports always hold every finding.
 */
export const HTML_FINDINGS_TABLE_LIMIT = 2_000;
/** Findings of each rule listed in the findings table above the limit. */
export const HTML_FINDINGS_PER_RULE = 20;

function* findingsTable(result: Parameters<Formatter>[0], report: ComplianceReport, options: FormatOptions): Generator<string> {
  const findings = result.findings;
  const select = (name: string, label: string, values: readonly string[], all: string, selected?: string) =>
    `<label>${label} <select name="${name}"><option value="">${all}</option>${values
      .map((v) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`)
      .join('')}</select></label>`;
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const files = [...new Set(findings.map((f) => f.file))].sort();
  const fwIds = report.frameworks.map((fw) => fw.id);
  const row = (f: Finding) => {
    const status = f.suppression ? 'suppressed' : 'open';
    const fws = [...new Set(f.controls.map((c) => c.framework))].filter((id) => fwIds.includes(id));
    const controls = f.controls.filter((c) => fwIds.includes(c.framework)).map((c) => `${c.framework} ${c.id}`);
    return (
      `<tr data-severity="${f.severity}" data-rule="${esc(f.ruleId)}" data-frameworks="${esc(fws.join(' '))}" data-file="${esc(f.file)}" data-status="${status}">` +
      `<td><span class="sev ${f.severity}">${f.severity}</span>${f.suppression ? '<br><span class="tag">suppressed</span>' : ''}</td><td><code>${esc(f.ruleId)}</code></td><td>${resource(f)}</td>` +
      `<td>${location(f, options)}</td><td>${esc(f.message)}</td><td class="ctl">${controls.map((c) => `<span>${esc(c)}</span>`).join('<br>')}</td></tr>`
    );
  };
  const grouped = findings.length > HTML_FINDINGS_TABLE_LIMIT;
  const perRule = new Map<string, number>();
  if (grouped) for (const f of findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  yield [
    '<section id="findings-section"><h2>Findings</h2>',
    '<form id="filters" class="filters" hidden>',
    select(
      'severity',
      'Severity',
      SEVERITIES.filter((s) => findings.some((f) => f.severity === s)),
      'all',
    ),
    select('rule', 'Rule', rules, 'all'),
    select('framework', 'Framework', fwIds, 'all'),
    select('file', 'File', files, 'all'),
    `<label>Status <select name="status"><option value="open" selected>open</option><option value="suppressed">suppressed</option><option value="all">all</option></select></label>`,
    '<label>Text <input name="q" type="search" placeholder="resource, message…"></label>',
    '</form>',
    `<p id="shown" class="muted">${plural(findings.length, 'finding')}</p>`,
    ...(grouped ? [groupNote(findings.length, perRule)] : []),
    '<div class="scroll"><table id="findings"><colgroup><col style="width:84px"><col style="width:200px"><col style="width:160px"><col style="width:200px"><col><col style="width:170px"></colgroup>',
    '<thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Location</th><th>Message</th><th>Controls</th></tr></thead><tbody>',
  ].join('\n') + '\n';
  const listed = new Map<string, number>();
  let first = true;
  for (const f of findings) {
    if (grouped) {
      const n = listed.get(f.ruleId) ?? 0;
      if (n >= HTML_FINDINGS_PER_RULE) continue;
      listed.set(f.ruleId, n + 1);
    }
    yield first ? row(f) : `\n${row(f)}`;
    first = false;
  }
  yield '\n</tbody></table></div></section>';
}

/** Above the limit: how many findings each rule has, and that the table lists the first ones. */
function groupNote(total: number, perRule: ReadonlyMap<string, number>): string {
  const counts = [...perRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const items = counts
    .map(
      ([rule, n]) =>
        `<li><code>${esc(rule)}</code>: ${plural(n, 'finding')}${n > HTML_FINDINGS_PER_RULE ? `, the first ${HTML_FINDINGS_PER_RULE} listed, ${n - HTML_FINDINGS_PER_RULE} more not shown` : ''}</li>`,
    )
    .join('');
  return (
    `<p class="note">This run has ${plural(total, 'finding')}, too many for one page: the table lists the first ${HTML_FINDINGS_PER_RULE} of each rule ` +
    `and each control above lists its first ${HTML_FINDINGS_PER_CONTROL}. The JSON and SARIF reports hold every finding.</p>` +
    `<details><summary>Findings per rule</summary><ul class="findings">${items}</ul></details>`
  );
}

function suppressions(result: Parameters<Formatter>[0], options: FormatOptions): string {
  const all = result.findings.filter((f) => f.suppression);
  const suppressed = all.length > HTML_FINDINGS_TABLE_LIMIT ? all.slice(0, HTML_FINDINGS_TABLE_LIMIT) : all;
  const body =
    suppressed.length === 0
      ? '<p class="muted">No finding is suppressed.</p>'
      : `<div class="scroll"><table><thead><tr><th>Rule</th><th>Resource</th><th>Location</th><th>Source</th><th>Reason</th><th>Expires</th></tr></thead><tbody>${suppressed
          .map((f) => {
            const s = f.suppression as NonNullable<Finding['suppression']>;
            return `<tr><td><code>${esc(f.ruleId)}</code></td><td>${resource(f)}</td><td>${location(f, options)}</td><td>${s.source}</td><td>${esc(s.reason)}</td><td>${s.expires ? esc(s.expires) : '–'}</td></tr>`;
          })
          .join('\n')}</tbody></table></div>${
          all.length > suppressed.length
            ? `<p class="note">The first ${suppressed.length} of ${all.length} suppressed findings are listed; the JSON and SARIF reports hold all of them.</p>`
            : ''
        }`;
  return `<section id="suppressions"><h2>Suppressions</h2><p class="note">Findings accepted on purpose, each with the reason given for it. They do not fail a control.</p>${body}</section>`;
}

function undecided(report: ComplianceReport): string {
  const rows = report.frameworks.flatMap((fw) =>
    fw.controls
      .filter((c) => c.assessment !== 'automated')
      .map(
        (c) =>
          `<tr><td class="fw">${esc(fw.id)}</td><td><a href="#${anchor('c', fw.id, c.id)}"><code>${esc(c.id)}</code></a></td><td>${esc(c.title)}</td><td>${esc(c.assessment)}</td><td>${badge(c.status)}</td><td>${c.note ? esc(c.note) : ''}</td></tr>`,
      ),
  );
  const skipped = report.frameworks.flatMap((fw) =>
    fw.controls.filter((c) => c.status === 'not-evaluated').map((c) => `<li><code>${esc(fw.id)} ${esc(c.id)}</code> ${esc(c.title)}</li>`),
  );
  return [
    '<section id="undecided"><h2>Controls the files cannot decide</h2>',
    '<p class="note">Manual controls need a person to attest them; not-static ones need a live node, cluster or image scan. A finding against one of them is still evidence that it fails, shown as Failed; no finding does not mean it passed. None of them is in the score.</p>',
    rows.length > 0
      ? `<div class="scroll"><table><thead><tr><th>Framework</th><th>Control</th><th>Title</th><th>Assessment</th><th>Status</th><th>Why</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`
      : '<p class="muted">Every control of these frameworks is decided by rules.</p>',
    skipped.length > 0
      ? `<h3>Not evaluated in this run</h3><p class="note">Every rule of these controls was turned off or left out, so they are not scored.</p><ul>${skipped.join('')}</ul>`
      : '',
    '</section>',
  ].join('\n');
}

function scope(result: Parameters<Formatter>[0]): string {
  const skipped = result.skipped.filter((s) => s.reason === 'not-kubernetes').length;
  return [
    '<section id="scope"><h2>Scope</h2>',
    `<details><summary>${plural(result.files.length, 'file')} read, ${plural(result.resources.length, 'resource')}${skipped > 0 ? `, ${plural(skipped, 'non-Kubernetes document')} skipped` : ''}</summary>`,
    `<ul class="files">${result.files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul></details>`,
    '<dl class="defs">',
    '<dt>Passed</dt><dd>An automated control whose rules checked at least one resource of the input and found nothing open.</dd>',
    '<dt>Failed</dt><dd>A control with at least one open (unsuppressed) finding of its rules.</dd>',
    '<dt>Not applicable</dt><dd>An automated control whose rules had nothing to check in the input (no RBAC objects for an RBAC control, no kube-apiserver for an API server flag).</dd>',
    '<dt>Not evaluated</dt><dd>An automated control none of whose rules ran in this run.</dd>',
    '<dt>Manual, Not static</dt><dd>Decided by a person, or only on a live node or cluster; listed, never scored.</dd>',
    '</dl></section>',
  ].join('\n');
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--good:#1a7f37;--fair:#9a6700;--poor:#cf222e;--blue:#0969da;--slate:#6e7781;--na:#afb8c1;--ne:#8250df}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1240px;margin:0 auto;padding:24px 24px 48px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}h3{font-size:16px;margin:24px 0 6px}
code{font:12px/1.4 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,monospace;background:var(--soft);padding:1px 4px;border-radius:4px}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.meta,.muted{color:var(--muted)}.note{color:var(--muted);font-size:13px;max-width:900px}
.facts{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0 0;padding:0}.facts div{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--soft)}
.facts dt{font-size:12px;color:var(--muted)}.facts dd{margin:0;font-size:22px;font-weight:600}
.alert{border:1px solid #d4a72c;background:#fff8c5;border-radius:8px;padding:10px 14px;margin:16px 0}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;background:var(--bg);max-width:100%;overflow-x:auto}
figcaption{font-size:12px;color:var(--muted);margin-top:6px}
.chart text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif;fill:var(--fg)}
.chart .tick,.chart .legend{fill:var(--muted);font-size:11px}.chart .inbar{fill:#fff;font-size:11px;font-weight:600}
.chart .grid{stroke:var(--line);stroke-dasharray:2 3}.chart .track{fill:var(--soft)}
.bar.good,.bar.passed{fill:var(--good)}.bar.fair{fill:var(--fair)}.bar.poor,.bar.failed,.bar.error{fill:var(--poor)}.bar.warning{fill:#bc4c00}.bar.info{fill:var(--blue)}
.bar.none{fill:var(--na)}.bar.not-applicable{fill:var(--na)}.bar.not-evaluated{fill:var(--ne)}.bar.manual{fill:var(--blue)}.bar.not-static{fill:var(--slate)}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);position:sticky;top:0;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap}
.summary th[scope=row]{font-weight:500}
.score{font-weight:700;padding:1px 8px;border-radius:10px;color:#fff;white-space:nowrap}.score.good{background:var(--good)}.score.fair{background:var(--fair)}.score.poor{background:var(--poor)}.score.none{background:var(--na)}
.status{display:inline-block;font-size:12px;font-weight:600;padding:0 8px;border-radius:10px;white-space:nowrap;border:1px solid}
.status.passed{color:var(--good);border-color:var(--good)}.status.failed{color:#fff;background:var(--poor);border-color:var(--poor)}
.status.not-applicable{color:var(--slate);border-color:var(--na)}.status.not-evaluated{color:var(--ne);border-color:var(--ne)}
.status.manual{color:var(--blue);border-color:var(--blue)}.status.not-static{color:var(--slate);border-color:var(--slate)}
.sev{font-weight:600}.sev.error{color:var(--poor)}.sev.warning{color:#bc4c00}.sev.info{color:var(--blue)}
.cnote{color:var(--muted);font-size:12px;margin-top:2px}.rules{margin-top:4px;display:flex;flex-wrap:wrap;gap:3px}.rules code{font-size:11px}
ul.findings{margin:4px 0;padding-left:18px}ul.findings li{margin:2px 0}.res{color:var(--muted)}
td.ctl{font-size:12px;color:var(--muted)}td.cid,td.fw{white-space:nowrap}#findings{table-layout:fixed;min-width:980px}#findings td{overflow-wrap:break-word}
.tag{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:8px;padding:0 5px}
.scroll{overflow-x:auto;max-width:100%}td details>summary{white-space:nowrap}.rules-more>summary{font-size:12px;color:var(--muted)}
details>summary{cursor:pointer}
.filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.filters select,.filters input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px;background:#fff;max-width:260px}
.defs dt{font-weight:600;margin-top:6px}.defs dd{margin:0 0 0 16px;color:var(--muted)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{main{max-width:none;padding:0}.filters{display:none}thead th{position:static}a{color:inherit}}
`;

/**
 * Filters the findings table; without script the whole table shows and the
 * filter form stays hidden. The filters live in the address's fragment
 * (`#filter:severity=error&rule=host-pid`), so a filtered view can be linked.
 */
const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var table = document.getElementById('findings');
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var shown = document.getElementById('shown');
  function has(list, item) { return (' ' + list + ' ').indexOf(' ' + item + ' ') >= 0; }
  function apply() {
    var sev = form.elements.severity.value, rule = form.elements.rule.value, fw = form.elements.framework.value;
    var file = form.elements.file.value, status = form.elements.status.value, q = form.elements.q.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = (!sev || d.severity === sev) && (!rule || d.rule === rule) && (!fw || has(d.frameworks, fw)) &&
        (!file || d.file === file) && (status === 'all' || d.status === status) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length + ' findings';
  }
  function remember() {
    var parts = [];
    ['severity', 'rule', 'framework', 'file', 'status', 'q'].forEach(function (name) {
      var v = form.elements[name].value;
      if (v && !(name === 'status' && v === 'open')) parts.push(name + '=' + encodeURIComponent(v));
    });
    history.replaceState(null, '', parts.length ? '#filter:' + parts.join('&') : location.pathname + location.search);
  }
  function follow() {
    var preset = /^#filter:(.*)$/.exec(location.hash);
    if (!preset) return false;
    form.reset();
    preset[1].split('&').forEach(function (pair) {
      var at = pair.indexOf('='), el = at > 0 && form.elements[pair.slice(0, at)];
      try { if (el) el.value = decodeURIComponent(pair.slice(at + 1)); } catch (e) { /* a malformed link filters nothing */ }
    });
    return true;
  }
  form.addEventListener('input', function () { apply(); remember(); });
  form.addEventListener('change', function () { apply(); remember(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', function () { if (follow()) { apply(); form.scrollIntoView(); } });
  form.hidden = false;
  follow();
  apply();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;

/** The HTML page in pieces, the findings table a row at a time (same bytes as `html`). */
export function* htmlChunks(result: LintResult, options: FormatOptions): Generator<string> {
  const report = complianceReport(result);
  yield [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${esc(options.tool.name)} ${esc(options.tool.version)}">`,
    '<title>Kubernetes compliance report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '',
  ].join('\n');
  const parts: (() => string | Iterable<string>)[] = [
    () => header(result, report, options),
    () => scores(report),
    () => breakdowns(result, report),
    () => (report.frameworks.length > 0 ? `<section id="frameworks"><h2>Controls by framework</h2>${frameworks(report, options)}</section>` : ''),
    () => findingsTable(result, report, options),
    () => reachSection(result.reachability),
    () => suppressions(result, options),
    () => undecided(report),
    () => scope(result),
    () =>
      `<footer>Made by ${esc(options.tool.name)} ${esc(options.tool.version)} from the files listed under Scope, offline; no cluster was contacted.</footer>`,
  ];
  let first = true;
  for (const part of parts) {
    const made = part();
    if (made === '') continue;
    if (!first) yield '\n';
    first = false;
    if (typeof made === 'string') yield made;
    else yield* made;
  }
  yield ['', '</main>', `<script>${SCRIPT}</script>`, '</body>', '</html>', ''].join('\n');
}

/**
 * One self-contained HTML page for a compliance owner to hand on: scores
 * per framework, findings per control and per rule (SVG drawn here), a
 * filterable findings table, the suppressions with their reasons, and the
 * controls files cannot decide. It loads nothing: no fonts, scripts or
 * images from anywhere. The same result gives the same bytes; the page
 * carries a time only when `generatedAt` is given.
 */
export const html: Formatter = (result, options) => Array.from(htmlChunks(result, options)).join('');
