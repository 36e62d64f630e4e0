import type { JsonPath, Resource } from '@kubecomply/core';
import { isObject, type JsonObject } from './json-value.js';

/**
 * Evaluates an audit Policy (audit.k8s.io/v1) the way the API server does:
 * the first rule that matches a request sets its level; no match means no
 * event. Questions are asked for an ordinary request: any authenticated user,
 * any namespace, any object name, so a rule limited to some users, some
 * namespaces or some names does not decide it.
 */

export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

export function levelRank(level: AuditLevel): number {
  return LEVELS.indexOf(level);
}

export interface AuditRequest {
  verb: string;
  /** API group; '' for the core group. */
  group: string;
  /** `pods` or `pods/exec`. */
  resource: string;
}

export interface Decision {
  level: AuditLevel;
  /** Index of the deciding rule; -1 when no rule matches. */
  rule: number;
}

export function isAuditPolicy(resource: Resource): boolean {
  return resource.kind === 'Policy' && resource.group === 'audit.k8s.io';
}

export function policyRules(resource: Resource): unknown[] {
  const rules: unknown = resource.object['rules'];
  return Array.isArray(rules) ? rules : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** `pods` matches only pods; `pods/*` every subresource of pods; `*\/scale` every scale subresource; `*` everything. */
function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  const [main, sub] = resource.split('/', 2) as [string, string | undefined];
  if (sub === undefined) return false;
  return pattern === `${main}/*` || pattern === `*/${sub}`;
}

function groupResourcesMatch(entry: unknown, request: AuditRequest): boolean {
  if (!isObject(entry)) return false;
  if (nonEmpty(entry['resourceNames'])) return false;
  const group = typeof entry['group'] === 'string' ? entry['group'] : '';
  if (group !== request.group) return false;
  const resources = strings(entry['resources']);
  return resources.length === 0 || resources.some((p) => resourceMatches(p, request.resource));
}

function ruleMatches(rule: JsonObject, request: AuditRequest): boolean {
  if (nonEmpty(rule['users']) || nonEmpty(rule['namespaces']) || nonEmpty(rule['nonResourceURLs'])) return false;
  const groups = strings(rule['userGroups']);
  if (groups.length > 0 && !groups.includes('system:authenticated')) return false;
  const verbs = strings(rule['verbs']);
  if (verbs.length > 0 && !verbs.includes(request.verb)) return false;
  const resources: unknown = rule['resources'];
  if (!nonEmpty(resources)) return true;
  return (resources as unknown[]).some((entry) => groupResourcesMatch(entry, request));
}

function levelOf(rule: JsonObject): AuditLevel {
  const level = rule['level'];
  return typeof level === 'string' && (LEVELS as readonly string[]).includes(level) ? (level as AuditLevel) : 'None';
}

/** The level at which the policy logs a request. */
export function decide(rules: readonly unknown[], request: AuditRequest): Decision {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (isObject(rule) && ruleMatches(rule, request)) return { level: levelOf(rule), rule: i };
  }
  return { level: 'None', rule: -1 };
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
