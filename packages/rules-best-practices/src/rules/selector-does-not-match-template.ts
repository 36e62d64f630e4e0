import { defineRule, matchesLabelMap, matchesSelector, type LabelSelector, isJsonObject } from '@kubecomply/core';

/** Controllers whose spec.selector must select their own pod template. */
const SELECTING = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job'];

export default defineRule({
  id: 'selector-does-not-match-template',
  description: "A controller's selector matches the labels of its own pod template.",
  severity: 'error',
  appliesTo: SELECTING,
  remediation: 'Make spec.selector select the labels of spec.template.metadata.labels (usually the same key/value pairs).',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (!isJsonObject(spec)) return;
    const selector = spec['selector'];
    // A Job generates its selector unless manualSelector is set; a ReplicationController defaults it to the template labels.
    if (resource.kind === 'Job' && spec['manualSelector'] !== true) return;
    if (!isJsonObject(selector)) return;
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) if (v !== null && v !== undefined) labels[k] = String(v);
    const plain = resource.kind === 'ReplicationController';
    if (Object.keys(selector).length === 0) return;
    const matches = plain ? matchesLabelMap(selector, labels) : matchesSelector(selector as LabelSelector, labels);
    if (matches) return;
    ctx.report({
      path: ['spec', 'selector'],
      message: `spec.selector does not select the pod template's labels (${
        Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'none'
      }); the API server rejects the ${resource.kind}, or the controller would never see the pods it creates.`,
      related: [{ path: [...pod.metadataPath, 'labels'], message: 'the pod template labels' }],
    });
  },
});
