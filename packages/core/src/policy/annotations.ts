import { isCalendarDate } from '../base/dates.js';
import { excerpt } from '../base/excerpt.js';

/** `ignore.kubecomply.io/<rule-id>: "<reason>[; expires=YYYY-MM-DD]"` on a resource suppresses that rule's findings on it. */
export const SUPPRESSION_ANNOTATION_PREFIX = 'ignore.kubecomply.io/';

export interface AnnotationSuppression {
  /** The annotation key. */
  key: string;
  ruleId: string;
  reason: string;
  expires?: string;
  /** Why the annotation cannot suppress anything, when it is malformed: a phrase that follows its key. */
  problem?: string;
}

/**
 * The expiry at the end of an annotation value: `; expires=DATE` (or the
 * whole value `expires=DATE`), read after the last semicolon by slicing, not
 * by a regular expression that backtracked over long values.
 */
function expiresOf(value: string): { at: number; date: string } | undefined {
  const at = value.lastIndexOf(';');
  const tail = value.slice(at + 1).trimStart();
  if (!tail.startsWith('expires')) return undefined;
  const rest = tail.slice('expires'.length).trimStart();
  if (!rest.startsWith('=')) return undefined;
  return { at: Math.max(at, 0), date: rest.slice(1).trim() };
}

/**
 * Reads one suppression annotation. The expiry, when there is one, ends the
 * value after a semicolon: `"node-exporter reads host metrics; expires=2026-12-31"`.
 */
export function parseSuppressionAnnotation(key: string, value: string): AnnotationSuppression {
  const ruleId = key.slice(SUPPRESSION_ANNOTATION_PREFIX.length);
  const m = expiresOf(value);
  const reason = (m ? value.slice(0, m.at) : value).trim();
  const out: AnnotationSuppression = { key, ruleId, reason };
  if (m) out.expires = m.date;
  if (reason === '') {
    out.problem = 'gives no reason';
  } else if (m && !isCalendarDate(m.date)) {
    out.problem = `has expires=${excerpt(m.date)}, which is not a date written YYYY-MM-DD`;
  }
  return out;
}

/** Every suppression annotation of a resource, by rule id. */
export function suppressionAnnotations(annotations: Readonly<Record<string, string>>): Map<string, AnnotationSuppression> {
  const out = new Map<string, AnnotationSuppression>();
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(SUPPRESSION_ANNOTATION_PREFIX)) {
      const parsed = parseSuppressionAnnotation(key, value);
      out.set(parsed.ruleId, parsed);
    }
  }
  return out;
}
