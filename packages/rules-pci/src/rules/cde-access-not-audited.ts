import { auditLevelRank, auditPolicyRules, decideAudit, defineRule, isAuditPolicy, type JsonPath, type Resource } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';

/** What PCI DSS 10.2.1.1 and 10.2.1.2 need recorded for the CDE: access to its Secrets and interactive sessions in its pods. */
const CLASSES = [
  { label: 'Secrets', group: '', resource: 'secrets', verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { label: 'exec into pods', group: '', resource: 'pods/exec', verbs: ['create', 'get'] },
  { label: 'attach to pods', group: '', resource: 'pods/attach', verbs: ['create', 'get'] },
] as const;

export default defineRule({
  id: 'cde-access-not-audited',
  description: 'The audit policy records access to Secrets of the cardholder data environment and exec or attach into its pods, at Metadata level or above.',
  severity: 'error',
  remediation:
    'Add audit Policy rules, before any rule that drops them, that log secrets and pods/exec, pods/attach at Metadata level (Metadata, not Request, for Secrets, so their values stay out of the log), for every namespace or for the CDE namespaces.',
  scope: 'set',
  kinds: ['Policy'],
  retain: (resource: Resource) => isAuditPolicy(resource),
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const namespaces = new Set<string>();
    for (const s of set.all) {
      const name = s.kind === 'Namespace' && s.apiVersion === 'v1' ? s.name : s.namespace;
      if (name === undefined || name === '') continue;
      if (scope.namespaceReason(name) || (s.podLabels !== undefined && scope.labelReason(s))) namespaces.add(name);
    }
    if (namespaces.size === 0) return;
    const cde = [...namespaces].sort();
    for (const policy of set.ofKind('Policy').filter(isAuditPolicy)) {
      const rules = auditPolicyRules(policy);
      // One finding per deciding rule (or per missing rule), naming the requests it leaves unrecorded.
      const gaps = new Map<number, { path: JsonPath; what: Set<string>; where: Set<string> }>();
      for (const cls of CLASSES) {
        for (const namespace of cde) {
          for (const verb of cls.verbs) {
            const decision = decideAudit(rules, { verb, group: cls.group, resource: cls.resource, namespace });
            if (auditLevelRank(decision.level) >= auditLevelRank('Metadata')) continue;
            let gap = gaps.get(decision.rule);
            if (!gap)
              gaps.set(
                decision.rule,
                (gap = { path: decision.rule === -1 ? ['rules'] : ['rules', decision.rule, 'level'], what: new Set(), where: new Set() }),
              );
            gap.what.add(cls.label);
            gap.where.add(namespace);
          }
        }
      }
      for (const [rule, gap] of gaps) {
        const how = rule === -1 ? 'no rule of the policy matches them, so they are not recorded' : `rule ${rule + 1} matches them first and sets level None`;
        ctx.report({
          resource: policy,
          path: gap.path,
          message:
            `${policy.name ? `Audit Policy "${policy.name}"` : 'The audit Policy'} does not record ${[...gap.what].join(', ')} in CDE namespace${gap.where.size === 1 ? '' : 's'} ` +
            `${[...gap.where].map((n) => `"${n}"`).join(', ')}: ${how}. PCI DSS 10.2.1 needs them at Metadata level or above.`,
        });
      }
    }
  },
});
