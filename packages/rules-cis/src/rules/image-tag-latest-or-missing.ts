import { defineRule, isPlaceholderImage, parseImage, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'image-tag-latest-or-missing',
  description: 'Container images name a fixed tag or a digest, not :latest or no tag at all.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Name the image by an immutable version tag (app:1.4.2) or, better, by digest (app@sha256:…).',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const image: unknown = container.value.image;
      if (typeof image !== 'string' || isPlaceholderImage(image)) continue;
      const ref = parseImage(image);
      if (!ref || ref.digest) continue;
      const path = [...container.path, 'image'];
      if (ref.tag === undefined) {
        ctx.report({
          path,
          message: `${containerLabel(container)} runs image "${ref.text}" without a tag, which pulls whatever :latest points to at the time.`,
        });
      } else if (ref.tag === 'latest') {
        ctx.report({ path, message: `${containerLabel(container)} runs image "${ref.text}", whose :latest tag moves with every release.` });
      }
    }
  },
});
