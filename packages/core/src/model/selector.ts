import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';

/** A Kubernetes label selector: `matchLabels` and `matchExpressions`. */
export type LabelSelector = ILabelSelector;
type Labels = Readonly<Record<string, string>>;

/**
 * Whether labels match a LabelSelector, with the API server's semantics: the
 * requirements are ANDed, an empty selector matches everything, and a
 * selector that is absent matches nothing.
 */
export function matchesSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object') return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== String(value)) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, req.key);
    const values = (req.values ?? []).map(String);
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[req.key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An operator the API server would reject: treat the selector as matching nothing.
        return false;
    }
  }
  return true;
}

/** Whether labels match a plain equality map (a Service's or ReplicationController's selector). */
export function matchesLabelMap(selector: Readonly<Record<string, unknown>> | null | undefined, labels: Labels): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object') return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => labels[key] === String(value));
}
