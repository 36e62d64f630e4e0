// Acme's platform policy as a TypeScript rule package: the same three checks
// as .kubecomply.yaml beside this file, for policies that need code.
import { defineFramework, definePlugin, defineRule, type Resource } from '@kubecomply/core';

const REGISTRY = 'registry.acme.example/';
const OWNED_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Service'];

const imageFromUnapprovedRegistry = defineRule({
  id: 'acme-image-from-unapproved-registry',
  description: "Containers run images from Acme's registry only.",
  severity: 'error',
  remediation: 'Push the image to registry.acme.example (the mirror job copies public images) and reference it there.',
  appliesTo: ['Deployment', 'StatefulSet', 'DaemonSet'],
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      if (container.kind !== 'container') continue;
      const image = container.value.image;
      if (typeof image === 'string' && !image.startsWith(REGISTRY)) {
        ctx.report({ path: [...container.path, 'image'], message: `${resource.kind} ${resource.name} runs an image from outside registry.acme.example` });
      }
    }
  },
});

const teamLabelMissing = defineRule({
  id: 'acme-team-label-missing',
  description: 'Workloads and Services name the team that owns them.',
  severity: 'warning',
  remediation: "Add metadata.labels.team with the owning team's slug.",
  appliesTo: OWNED_KINDS,
  targets: (resource: Resource) => resource.namespace !== undefined,
  check(resource, ctx) {
    if (!resource.labels['team']) ctx.report({ path: ['metadata', 'labels', 'team'], message: `${resource.kind} ${resource.name} has no team label` });
  },
});

const loadBalancerService = defineRule({
  id: 'acme-loadbalancer-service',
  description: 'Services are not exposed through their own cloud load balancer.',
  severity: 'error',
  remediation: 'Use a ClusterIP Service and route to it through the shared Ingress, which has the WAF in front.',
  appliesTo: ['Service'],
  check(resource, ctx) {
    const spec = resource.object['spec'] as { type?: unknown } | undefined;
    if (spec?.type === 'LoadBalancer') ctx.report({ path: ['spec', 'type'], message: `Service ${resource.name} is of type LoadBalancer` });
  },
});

const acmePolicy = defineFramework({
  id: 'acme-policy',
  version: 'custom',
  title: 'acme-policy',
  controls: [
    { id: 'ACME-SC-1', title: 'Software comes from trusted sources', rules: ['acme-image-from-unapproved-registry'] },
    { id: 'ACME-OPS-2', title: 'Every service has an owner', rules: ['acme-team-label-missing'] },
    { id: 'ACME-NET-3', title: 'Traffic enters through the shared edge', rules: ['acme-loadbalancer-service'] },
  ],
});

export default definePlugin({ name: 'acme-policy', rules: [imageFromUnapprovedRegistry, teamLabelMissing, loadBalancerService], frameworks: [acmePolicy] });
