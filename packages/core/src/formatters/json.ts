import { formatKubeVersion } from '../engine/kube-version.js';
import { countBySeverity } from './counts.js';
import type { Formatter } from './types.js';

/**
 * Version of the JSON report's shape. It changes only when a field is removed
 * or changes meaning; new fields may appear in any version.
 */
export const JSON_REPORT_VERSION = 1;

/** The machine-readable report; its shape is documented in docs/json-report.md. */
export const json: Formatter = (result, options) => {
  // errors, warnings and infos count active findings; suppressed ones are
  // in `findings` too, with their `suppression`, and counted apart.
  const active = result.findings.filter((f) => !f.suppression);
  const counts = countBySeverity(active);
  const report = {
    reportVersion: JSON_REPORT_VERSION,
    tool: options.tool,
    kubernetesVersion: formatKubeVersion(result.kubeVersion),
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
    findings: result.findings,
    resources: result.resources,
    skipped: result.skipped,
    files: result.files,
  };
  return JSON.stringify(report, null, 2) + '\n';
};
