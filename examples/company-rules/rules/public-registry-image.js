import { defineRule } from '@kubecomply/core';

/** Registries our clusters pull from; everything else is public. */
const INTERNAL = ['registry.acme.example/', 'mirror.acme.example/'];

export default defineRule({
  id: 'public-registry-image',
  description: 'Containers run images from the ACME registries, not from public ones.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation: 'Mirror the image into registry.acme.example (it is then scanned and signed) and refer to it there.',
  helpUri: 'https://github.com/acme/kubecomply-rules/blob/main/docs/rules/public-registry-image.md',
  check(resource, context) {
    for (const container of context.containers(resource)) {
      const image = container.value.image;
      if (typeof image !== 'string' || INTERNAL.some((prefix) => image.startsWith(prefix))) continue;
      const what = container.kind === 'initContainer' ? 'Init container' : container.kind === 'ephemeral' ? 'Ephemeral container' : 'Container';
      context.report({
        path: [...container.path, 'image'],
        message: `${what} "${container.value.name}" runs image "${image}" from outside the ACME registries.`,
      });
    }
  },
});
