import { defineFramework } from '@kubecomply/core';

// A company standard is data: each control lists the rules whose findings are
// evidence against it, ours and kubecomply's own (image-not-pinned-by-digest).
export default defineFramework({
  id: 'acme-platform',
  version: '2026.1',
  title: 'ACME platform standard',
  controls: [
    { id: 'ACME-1', title: 'Every workload has an owning team', rules: ['team-label-missing'] },
    { id: 'ACME-2', title: 'Images come from the internal registries, pinned', rules: ['public-registry-image', 'image-not-pinned-by-digest'] },
    { id: 'ACME-3', title: 'The owning team has reviewed the design', assessment: 'manual' },
  ],
});
