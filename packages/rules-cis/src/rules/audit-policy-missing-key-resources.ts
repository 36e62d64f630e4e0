import { defineRule } from '@kubecomply/core';
import { decisionPath, decisionsByRule, isAuditPolicy, KEY_REQUESTS, policyRules, verbList } from '../checks/audit-policy.js';

/**
 * CIS 3.2.2: access to Secrets, ConfigMaps and TokenReviews, changes to pods
 * and deployments, and the exec, port-forward and proxy subresources must
 * appear in the audit log.
 */
export default defineRule({
  id: 'audit-policy-missing-key-resources',
  description: 'The audit policy records the requests CIS names as key security concerns.',
  severity: 'warning',
  remediation:
    'Make the first matching rule for secrets, configmaps, tokenreviews, writes to pods and deployments, pods/exec, pods/portforward, pods/proxy and services/proxy log at Metadata or above (Metadata only for the first three); a final catch-all rule at Metadata does this.',
  appliesTo: ['Policy'],
  check(resource, ctx) {
    if (!isAuditPolicy(resource)) return;
    const rules = policyRules(resource);
    if (rules.length === 0) return;
    for (const cls of KEY_REQUESTS) {
      for (const { decision, verbs } of decisionsByRule(rules, cls)) {
        if (decision.level !== 'None') continue;
        const why = decision.rule === -1 ? 'match no rule' : `first match rule ${decision.rule + 1}, which has level None`;
        const what = cls.label.startsWith('writes') ? `${cls.label} (${verbList(cls, verbs)})` : `requests for ${cls.label} (${verbList(cls, verbs)})`;
        ctx.report({ path: decisionPath(decision), message: `In this audit policy, ${what} ${why}, so they are not recorded.` });
      }
    }
  },
});
