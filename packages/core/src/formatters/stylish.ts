import { createColors } from 'picocolors';
import type { Finding } from '../types.js';
import { countBySeverity, plural } from './counts.js';
import type { Formatter } from './types.js';

/** Human output grouped by file, like ESLint's default. */
export const stylish: Formatter = (result, options) => {
  const c = createColors(options.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  const sev = { error: c.red('error'), warning: c.yellow('warning'), info: c.blue('info') };
  const pad = { error: 'error  ', warning: 'warning', info: 'info   ' };
  for (const [file, findings] of byFile) {
    out.push(c.underline(file));
    const width = Math.max(...findings.map((f) => `${f.range.start.line}:${f.range.start.column}`.length));
    for (const f of findings) {
      const where = `${f.range.start.line}:${f.range.start.column}`.padEnd(width);
      const level = sev[f.severity] + ' '.repeat(pad[f.severity].length - f.severity.length);
      const subject = f.resource ? c.dim(`${f.resource.kind}/${f.resource.name}`) + ' ' : '';
      const helm = f.helm ? c.dim(` (${f.helm.template})`) : '';
      out.push(`  ${c.dim(where)}  ${level}  ${subject}${f.message}  ${c.dim(f.ruleId)}${helm}`);
    }
    out.push('');
  }
  const counts = countBySeverity(result.findings);
  const total = result.findings.length;
  const scope = `${plural(result.files.length, 'file')}, ${plural(result.resources.length, 'resource')}`;
  const skipped = result.skipped.filter((s) => s.reason === 'not-kubernetes').length;
  const skippedNote = skipped > 0 ? `; ${plural(skipped, 'non-Kubernetes document')} skipped` : '';
  if (total === 0) {
    out.push(c.green(`✔ No problems in ${scope}${skippedNote}.`));
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${scope}${skippedNote}.`;
    out.push(counts.error > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  }
  return out.join('\n') + '\n';
};
