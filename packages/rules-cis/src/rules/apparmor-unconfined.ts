import { defineRule, isJsonObject, stringField } from '@kubecomply/core';
import { reportUnconfinedProfiles } from '../checks/profile-type.js';

/** The annotation that set a container's AppArmor profile before the securityContext field existed. */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default defineRule({
  id: 'apparmor-unconfined',
  description: 'Pods and containers do not turn off AppArmor confinement.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Set securityContext.appArmorProfile.type to RuntimeDefault, or to Localhost with a profile loaded on the nodes, or leave it out; in the legacy annotation use runtime/default or localhost/<profile>.',
  check(resource, ctx) {
    // pod-security-admission checks the field at every policy version, not from 1.30 only.
    reportUnconfinedProfiles(resource, ctx, 'appArmorProfile', 'its processes run without any AppArmor confinement');
    const pod = ctx.podSpec(resource);
    const annotations: unknown = pod?.metadata.annotations;
    if (!pod || !isJsonObject(annotations)) return;
    for (const [key, raw] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = stringField(raw);
      if (allowedAnnotationValue(value)) continue;
      ctx.report({
        path: [...pod.metadataPath, 'annotations', key],
        message: `Annotation ${key} sets the AppArmor profile of container "${key.slice(ANNOTATION_PREFIX.length)}" to "${value}"; only runtime/default and localhost/<profile> are allowed.`,
      });
    }
  },
});
