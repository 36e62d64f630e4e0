import { defineRule, isPlaceholderImage, parseImage, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'image-not-pinned-by-digest',
  description: 'Container images are pinned by digest, so what runs is exactly what was reviewed.',
  severity: 'info',
  appliesTo: 'workloads',
  remediation:
    'Append the digest of the reviewed image (app:1.4.2@sha256:…); tools such as crane digest, skopeo inspect or a renovate/kustomize image transformer can fill it in.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const image: unknown = container.value.image;
      if (typeof image !== 'string' || isPlaceholderImage(image)) continue;
      const ref = parseImage(image);
      if (!ref || ref.digest) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: `${containerLabel(container)} runs image "${ref.text}" by tag; a registry can serve different content under the same tag.`,
      });
    }
  },
});
