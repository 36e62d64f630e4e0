import { isCalendarDate } from '../base/dates.js';

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

const EXPIRES = /(?:^|;)\s*expires\s*=\s*([^;]*?)\s*$/;

/**
 * Reads one suppression annotation. The expiry, when there is one, ends the
 * value after a semicolon: `"node-exporter reads host metrics; expires=2026-12-31"`.
 */
export function parseSuppressionAnnotation(key: string, value: string): AnnotationSuppression {
  const ruleId = key.slice(SUPPRESSION_ANNOTATION_PREFIX.length);
  const m = EXPIRES.exec(value);
  const reason = (m ? value.slice(0, m.index) : value).trim();
  const out: AnnotationSuppression = { key, ruleId, reason };
  if (m) out.expires = m[1] as string;
  if (reason === '') {
    out.problem = 'gives no reason';
  } else if (m && !isCalendarDate(m[1] as string)) {
    out.problem = `has expires=${m[1] as string}, which is not a date written YYYY-MM-DD`;
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
