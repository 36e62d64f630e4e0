// ACME's rule package: two rules of our own and a framework that maps our
// platform standard onto them and onto a rule kubecomply already ships.
// Load it with `kubecomply --plugin @acme/kubecomply-rules` or with
// `plugins: ["@acme/kubecomply-rules"]` in .kubecomply.yaml.
import { definePlugin } from '@kubecomply/core';
import acmePlatform from './frameworks/acme-platform.js';
import publicRegistryImage from './rules/public-registry-image.js';
import teamLabelMissing from './rules/team-label-missing.js';

export default definePlugin({
  name: '@acme/kubecomply-rules',
  rules: [publicRegistryImage, teamLabelMissing],
  frameworks: [acmePlatform],
});
