import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'cronjob-without-concurrency-policy',
  description: 'CronJobs say whether runs may overlap (concurrencyPolicy).',
  severity: 'info',
  appliesTo: ['CronJob'],
  remediation: 'Set spec.concurrencyPolicy to Forbid or Replace when runs must not overlap, or to Allow to record that they may.',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (isJsonObject(spec) && typeof spec['concurrencyPolicy'] === 'string') return;
    ctx.report({
      path: ['spec', 'concurrencyPolicy'],
      message: 'The CronJob sets no concurrencyPolicy, so the default Allow starts a new run while the previous one is still going; slow runs pile up.',
    });
  },
});
