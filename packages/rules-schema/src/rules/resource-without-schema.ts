import { defineRule, type ResourceSummary } from '@kubecomply/core';
import { CRD_KIND, crdSet } from '../schema/crd-source.js';
import { isBuiltinGroup, schemaDataProblem, splitApiVersion } from '../schema/kube-schema.js';
import { schemaSource } from '../schema/resource-validation.js';

export default defineRule({
  id: 'resource-without-schema',
  description:
    'Every resource is validated against a schema: custom resources need their CustomResourceDefinition in the input or in the configured CRD folders.',
  severity: 'info',
  remediation:
    'Add the CustomResourceDefinition of the kind to the input, or name the folder that holds it under `crds:` in the config, so its resources are checked like built-in ones.',
  scope: 'set',
  kinds: [],
  uses: [CRD_KIND],
  check(set, ctx) {
    const crds = crdSet(ctx.lookup(CRD_KIND));
    const target = ctx.settings.kubeVersion;
    const unchecked = new Map<string, ResourceSummary[]>();
    for (const resource of set.all) {
      const key = `${resource.apiVersion} ${resource.kind}`;
      const known = unchecked.get(key);
      if (known) {
        known.push(resource);
        continue;
      }
      if (schemaSource(resource.apiVersion, resource.kind, target, crds) === 'none') unchecked.set(key, [resource]);
    }
    for (const [, resources] of unchecked) {
      const first = resources[0] as ResourceSummary;
      const builtin = isBuiltinGroup(splitApiVersion(first.apiVersion).group);
      const count = resources.length === 1 ? 'One resource' : `${resources.length} resources`;
      const problem = schemaDataProblem();
      const why = problem
        ? `kubecomply's schema data is missing (${problem})`
        : crds.defines(first.apiVersion, first.kind)
          ? 'its CustomResourceDefinition serves no schema for this version'
          : !builtin
            ? 'no CustomResourceDefinition for it is in the input or the configured CRD folders'
            : 'kubecomply has no schema for this pre-release API version';
      ctx.report({ resource: first, path: ['kind'], message: `${count} of kind ${first.kind} (${first.apiVersion}) not validated: ${why}.` });
    }
  },
});
