import {
  auditLevelRank,
  auditPolicyRules,
  decideAudit,
  isAuditPolicy as coreIsAuditPolicy,
  type AuditDecision,
  type AuditRequest,
  type JsonPath,
} from '@kubecomply/core';

/**
 * The CIS 3.2.2 questions put to an audit Policy. The evaluation itself
 * (first matching rule decides) is core's model/audit-policy.ts, shared with
 * the PCI DSS rules. Questions are asked for an ordinary request: any
 * authenticated user, any namespace, any object name, so a rule limited to
 * some users, some namespaces or some names does not decide it.
 */

export type { AuditLevel, AuditRequest } from '@kubecomply/core';
export type Decision = AuditDecision;

export const levelRank = auditLevelRank;
export const isAuditPolicy = coreIsAuditPolicy;
export const policyRules = auditPolicyRules;

/** The level at which the policy logs an ordinary request (no namespace named): core's evaluation. */
export function decide(rules: readonly unknown[], request: AuditRequest): Decision {
  return decideAudit(rules, request);
}

/** Requests CIS 3.2.2 names, grouped by what the benchmark asks of them. */
export interface KeyRequestClass {
  /** For messages: 'secrets', 'writes to pods'. */
  label: string;
  group: string;
  resource: string;
  verbs: readonly string[];
  /** Sensitive payloads: must be logged at Metadata exactly. */
  metadataOnly: boolean;
}

const READ_WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const WRITE = ['create', 'update', 'patch', 'delete'];
const CONNECT = ['get', 'create'];

export const KEY_REQUESTS: readonly KeyRequestClass[] = [
  { label: 'secrets', group: '', resource: 'secrets', verbs: READ_WRITE, metadataOnly: true },
  { label: 'configmaps', group: '', resource: 'configmaps', verbs: READ_WRITE, metadataOnly: true },
  { label: 'tokenreviews', group: 'authentication.k8s.io', resource: 'tokenreviews', verbs: ['create'], metadataOnly: true },
  { label: 'writes to pods', group: '', resource: 'pods', verbs: WRITE, metadataOnly: false },
  { label: 'writes to deployments', group: 'apps', resource: 'deployments', verbs: WRITE, metadataOnly: false },
  { label: 'pods/exec', group: '', resource: 'pods/exec', verbs: CONNECT, metadataOnly: false },
  { label: 'pods/portforward', group: '', resource: 'pods/portforward', verbs: CONNECT, metadataOnly: false },
  { label: 'pods/proxy', group: '', resource: 'pods/proxy', verbs: CONNECT, metadataOnly: false },
  { label: 'services/proxy', group: '', resource: 'services/proxy', verbs: CONNECT, metadataOnly: false },
];

/** Verbs of a class grouped by the rule that decides them, for one finding per deciding rule. */
export function decisionsByRule(rules: readonly unknown[], cls: KeyRequestClass): { decision: Decision; verbs: string[] }[] {
  const out: { decision: Decision; verbs: string[] }[] = [];
  for (const verb of cls.verbs) {
    const decision = decide(rules, { verb, group: cls.group, resource: cls.resource });
    const same = out.find((o) => o.decision.rule === decision.rule);
    if (same) same.verbs.push(verb);
    else out.push({ decision, verbs: [verb] });
  }
  return out;
}

/** Where a finding about a decision goes: the deciding rule's level, else the rules list. */
export function decisionPath(decision: Decision): JsonPath {
  if (decision.rule === -1) return ['rules'];
  return ['rules', decision.rule, 'level'];
}

/** 'all of get, list, watch' or 'create, update'. */
export function verbList(cls: KeyRequestClass, verbs: readonly string[]): string {
  return verbs.length === cls.verbs.length && verbs.length > 1 ? 'any verb' : verbs.join(', ');
}
