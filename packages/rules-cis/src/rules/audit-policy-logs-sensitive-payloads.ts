import { defineRule } from '@kubecomply/core';
import { decisionPath, decisionsByRule, isAuditPolicy, KEY_REQUESTS, policyRules, verbList } from '../checks/audit-policy.js';

/**
 * Logging the body of a request for Secrets, ConfigMaps or TokenReviews
 * copies credentials into the audit log; CIS 3.2.2 asks for Metadata there.
 */
export default defineRule({
  id: 'audit-policy-logs-sensitive-payloads',
  description: 'The audit policy does not record the bodies of requests for secrets, configmaps or tokenreviews.',
  severity: 'warning',
  remediation:
    'Put a rule at level Metadata for secrets and configmaps (group "") and tokenreviews (group authentication.k8s.io) before any Request or RequestResponse rule that would match them.',
  appliesTo: ['Policy'],
  check(resource, ctx) {
    if (!isAuditPolicy(resource)) return;
    const rules = policyRules(resource);
    for (const cls of KEY_REQUESTS) {
      if (!cls.metadataOnly) continue;
      for (const { decision, verbs } of decisionsByRule(rules, cls)) {
        if (decision.level !== 'Request' && decision.level !== 'RequestResponse') continue;
        ctx.report({
          path: decisionPath(decision),
          message: `In this audit policy, requests for ${cls.label} (${verbList(cls, verbs)}) first match rule ${decision.rule + 1}, which logs them at ${decision.level}, so their contents (credentials, tokens) are copied into the audit log.`,
        });
      }
    }
  },
});
