import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'cronjob-without-starting-deadline',
  description: 'CronJobs set startingDeadlineSeconds, so a run that cannot start on time is skipped rather than started late.',
  severity: 'info',
  appliesTo: ['CronJob'],
  remediation: 'Set spec.startingDeadlineSeconds to how late a run may still start (no less than ten seconds, how often the controller looks).',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (isJsonObject(spec) && typeof spec['startingDeadlineSeconds'] === 'number') return;
    ctx.report({
      path: ['spec', 'startingDeadlineSeconds'],
      message:
        'The CronJob sets no startingDeadlineSeconds: after a controller outage it starts missed runs late, and after more than 100 missed schedules it stops scheduling the job.',
    });
  },
});
