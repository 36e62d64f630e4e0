import { defineRule, type JsonPath, isJsonObject } from '@kubecomply/core';

// At most 63 characters, alphanumeric at both ends, '-', '_' and '.' between; empty is allowed.
const VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export default defineRule({
  id: 'invalid-label-value',
  description: 'Label values are valid: at most 63 characters, alphanumeric at both ends, with only -, _ and . between.',
  severity: 'error',
  appliesTo: 'all',
  // Seldom reports, and runs on every kind: documents are not parsed with positions for it alone (CRDs of megabytes included).
  positions: 'on-demand',
  remediation:
    'Shorten the value to 63 characters or fewer and keep to letters, digits, -, _ and . (starting and ending with a letter or digit); put free text in an annotation.',
  check(resource, ctx) {
    const places: Array<{ labels: unknown; path: JsonPath }> = [{ labels: resource.object.metadata?.labels, path: ['metadata', 'labels'] }];
    const pod = ctx.podSpec(resource);
    if (pod && pod.metadataPath.length > 0) places.push({ labels: pod.metadata.labels, path: [...pod.metadataPath, 'labels'] });
    for (const { labels, path } of places) {
      if (!isJsonObject(labels)) continue;
      for (const [key, raw] of Object.entries(labels)) {
        // A number or boolean is a type error the API server reports on its own; only strings are judged here.
        if (typeof raw !== 'string' || VALUE.test(raw)) continue;
        ctx.report({
          path: [...path, key],
          message:
            raw.length > 63
              ? `Label ${key} has a value of ${raw.length} characters; the API server accepts at most 63.`
              : `Label ${key} has the value "${raw}", which the API server rejects: only letters, digits, -, _ and . are allowed, starting and ending with a letter or digit.`,
        });
      }
    }
  },
});
