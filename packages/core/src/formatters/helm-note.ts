import type { Finding } from '../base/types.js';

/**
 * What the people reading a report need to know about a finding mapped into
 * a Helm chart, besides the template line it points at: where it was seen in
 * the rendered output, which values keys feed the line, which renders (values
 * files) produce it, and why the line is only an enclosing one.
 */
export function helmNotes(f: Finding): string[] {
  const h = f.helm;
  if (!h) return [];
  const notes: string[] = [];
  if (h.renders && h.renders.length > 0) {
    notes.push(
      `rendered at ${h.renders.map((r) => `${r.file}:${r.range.start.line}${r.valuesFiles.length > 0 ? ` (${r.valuesFiles.join(', ')})` : ''}`).join(', ')}`,
    );
  } else if (h.rendered) {
    notes.push(`rendered at ${h.rendered.file}:${h.rendered.range.start.line}${h.valuesFiles ? ` (${h.valuesFiles.join(', ')})` : ''}`);
  } else {
    notes.push(`from ${h.template}`);
  }
  for (const v of h.values ?? []) {
    const where = v.locations.map((l) => `${l.file}:${l.line}`).join(', ');
    notes.push(`values ${v.key}${where ? ` (${where})` : ' (not set)'}`);
  }
  if (h.hook) notes.push(`Helm hook: ${h.hook}`);
  // An unmapped finding says why only in the JSON and SARIF reports: without a chart it would repeat on every line.
  if (h.mapping === 'block') notes.push(`enclosing block: ${h.reason ?? ''}`);
  return notes;
}
