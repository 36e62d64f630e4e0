import { printable as inertText } from './inert.js';
import { colors } from './colors.js';
import { helmNotes } from './helm-note.js';
import type { Finding } from '../base/types.js';
import { countBySeverity, plural } from './counts.js';
import type { Formatter } from './types.js';

/**
 * Human output grouped by file, like ESLint's default. Suppressed findings
 * are only counted, unless `showSuppressed` lists them (dimmed, with the
 * suppression's source and reason).
 */
export const stylish: Formatter = (result, options) => {
  const c = colors(options.color);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  const active = result.findings.filter((f) => !f.suppression);
  const suppressed = result.findings.length - active.length;
  for (const f of options.showSuppressed ? result.findings : active) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  const sev = { error: c.red('error'), warning: c.yellow('warning'), info: c.blue('info') };
  const pad = { error: 'error  ', warning: 'warning', info: 'info   ' };
  for (const [file, findings] of byFile) {
    out.push(c.underline(printable(file)));
    // A loop, not Math.max(...): one file may hold more findings than a call can take arguments.
    const width = findings.reduce((w, f) => Math.max(w, `${f.range.start.line}:${f.range.start.column}`.length), 0);
    for (const f of findings) {
      options.checkpoint?.();
      const where = `${f.range.start.line}:${f.range.start.column}`.padEnd(width);
      const level = sev[f.severity] + ' '.repeat(pad[f.severity].length - f.severity.length);
      const subject = f.resource ? c.dim(printable(`${f.resource.kind}/${f.resource.name}`)) + ' ' : '';
      const helm = f.helm ? c.dim(` (${printable(helmNotes(f).join('; '))})`) : '';
      if (f.suppression) {
        const s = f.suppression;
        const until = s.expires ? ` until ${s.expires}` : '';
        out.push(
          c.dim(
            `  ${where}  ${pad[f.severity]}  ${subject}${printable(f.message)}  ${f.ruleId}${helm}  [suppressed by ${s.source}${until}: ${printable(s.reason)}]`,
          ),
        );
        continue;
      }
      out.push(`  ${c.dim(where)}  ${level}  ${subject}${printable(f.message)}  ${c.dim(f.ruleId)}${helm}`);
    }
    out.push('');
  }
  const counts = countBySeverity(active);
  const total = active.length;
  const scope = `${plural(result.files.length, 'file')}, ${plural(result.resources.length, 'resource')}`;
  const skipped = result.skipped.filter((s) => s.reason === 'not-kubernetes').length;
  const notes = (skipped > 0 ? `; ${plural(skipped, 'non-Kubernetes document')} skipped` : '') + (suppressed > 0 ? `; ${suppressed} suppressed` : '');
  if (total === 0) {
    out.push(c.green(`✔ No problems in ${scope}${notes}.`));
  } else {
    const line = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${scope}${notes}.`;
    out.push(counts.error > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  }
  return out.join('\n') + '\n';
};

/**
 * Text from the input (file names, resource names, messages that quote
 * them) with its control characters written as escapes: a manifest must not
 * move the cursor, recolour the terminal, or start a line of its own that a
 * CI log would read as a command (`::error ...`).
 */
function printable(text: string): string {
  return inertText(text);
}
