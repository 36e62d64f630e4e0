import { formatKubeVersion } from '../base/kube-version.js';
import { countBySeverity } from './counts.js';
import { jsonFinding, rulesOf } from './json.js';
import type { Formatter } from './types.js';
import { complianceReport } from '../report/compliance.js';

/**
 * Version of the compliance JSON's shape. It changes only when a field is
 * removed or changes meaning; new fields may appear in any version.
 */
export const COMPLIANCE_REPORT_VERSION = 1;

/**
 * The compliance report as JSON (`kubecomply report --format json`), shaped
 * as docs/compliance-report.md describes. Controls name their findings by
 * index into the top-level `findings`, which holds every finding once, as
 * the lint JSON report does.
 */
export const complianceJson: Formatter = (result, options) => {
  const report = complianceReport(result);
  const index = new Map(result.findings.map((f, i) => [f, i]));
  const active = result.findings.filter((f) => !f.suppression);
  const counts = countBySeverity(active);
  const out = {
    reportVersion: COMPLIANCE_REPORT_VERSION,
    tool: options.tool,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    kubernetesVersion: formatKubeVersion(result.kubeVersion),
    summary: {
      files: result.files.length,
      resources: result.resources.length,
      findings: result.findings.length,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      suppressed: result.findings.length - active.length,
      inputProblems: report.inputProblems.length,
    },
    frameworks: report.frameworks.map((fw) => ({
      id: fw.id,
      version: fw.version,
      title: fw.title,
      ...(fw.url !== undefined ? { url: fw.url } : {}),
      score: fw.score,
      passed: fw.passed,
      failed: fw.failed,
      counts: fw.counts,
      controls: fw.controls.map((c) => ({
        id: c.id,
        title: c.title,
        assessment: c.assessment,
        status: c.status,
        ...(c.note !== undefined ? { note: c.note } : {}),
        ...(c.level !== undefined ? { level: c.level } : {}),
        rules: c.rules,
        rulesNotRun: c.rulesNotRun,
        resources: c.resources,
        findings: c.findings.map((f) => index.get(f) as number),
        suppressed: c.suppressed.map((f) => index.get(f) as number),
      })),
    })),
    rules: rulesOf(result),
    findings: result.findings.map(jsonFinding),
    files: result.files,
  };
  return JSON.stringify(out, null, 2) + '\n';
};
