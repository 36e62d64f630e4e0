import { defineRule, containerLabel } from '@kubecomply/core';

/** Whether an image reference names a tag other than "latest"; a digest pins the content whatever the policy. */
function imageParts(image: string): { digest: boolean; tag: string | undefined } {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  return { digest: at !== -1, tag };
}

export default defineRule({
  id: 'image-pull-policy-not-always',
  description: 'Containers whose image is not pinned by digest are pulled with imagePullPolicy Always.',
  severity: 'info',
  appliesTo: 'workloads',
  remediation:
    'Pin the image by digest (image: repo@sha256:...), or set imagePullPolicy: Always so every pod start checks the registry, and its credentials, for the current content of the tag.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const image = container.value.image;
      if (typeof image !== 'string' || image === '') continue;
      const { digest, tag } = imageParts(image);
      if (digest) continue;
      const written = container.value.imagePullPolicy;
      // The API server's default: Always for :latest or no tag, IfNotPresent otherwise.
      const effective = written ?? (tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent');
      if (effective === 'Always') continue;
      ctx.report({
        path: [...container.path, 'imagePullPolicy'],
        message:
          written === undefined
            ? `${containerLabel(container)} runs the mutable tag "${image}" with the default imagePullPolicy IfNotPresent, so a node reuses whatever it cached under that tag, without asking the registry or checking the pod's pull credentials.`
            : `${containerLabel(container)} runs the mutable tag "${image}" with imagePullPolicy ${String(written)}, so a node reuses whatever it cached under that tag, without asking the registry or checking the pod's pull credentials.`,
      });
    }
  },
});
