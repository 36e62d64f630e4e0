import { defineRule, isJsonObject } from '@kubecomply/core';
import { isAuditPolicy, policyRules } from '../checks/audit-policy.js';

export default defineRule({
  id: 'audit-policy-logs-nothing',
  description: 'The audit policy records at least some requests.',
  severity: 'warning',
  remediation: 'Add rules to the audit Policy; at the least end it with a catch-all rule at level Metadata.',
  appliesTo: ['Policy'],
  check(resource, ctx) {
    if (!isAuditPolicy(resource)) return;
    const rules = policyRules(resource);
    if (rules.length === 0) {
      ctx.report({ path: ['rules'], message: 'The audit policy has no rules, so no request is recorded.' });
      return;
    }
    const logs = rules.some((rule) => isJsonObject(rule) && typeof rule['level'] === 'string' && rule['level'] !== 'None');
    if (!logs) ctx.report({ path: ['rules'], message: 'Every rule of the audit policy has level None, so no request is recorded.' });
  },
});
