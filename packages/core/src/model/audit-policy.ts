import { isJsonObject, type JsonObject } from '../base/json.js';
import type { Resource } from './resource.js';

/**
 * Evaluates an audit Policy (audit.k8s.io/v1) the way the API server does:
 * the first rule that matches a request sets its level; no match means no
 * event. A request is an ordinary authenticated user's: a rule limited to
 * some users does not decide it, nor one limited to user groups other than
 * system:authenticated. A rule limited to namespaces decides only requests
 * in one of them (a request without a namespace matches none), and one
 * limited to object names decides no request about "any object".
 */

export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** The rank of an audit level: None < Metadata < Request < RequestResponse. */
export function auditLevelRank(level: AuditLevel): number {
  return LEVELS.indexOf(level);
}

/** A request put to an audit policy. */
export interface AuditRequest {
  verb: string;
  /** API group; '' for the core group. */
  group: string;
  /** `pods` or `pods/exec`. */
  resource: string;
  /** The namespace of the request; absent for an unspecified one. */
  namespace?: string;
}

/** The level a policy gives a request, and the rule that decides it. */
export interface AuditDecision {
  level: AuditLevel;
  /** Index of the deciding rule; -1 when no rule matches. */
  rule: number;
}

/** An audit Policy of audit.k8s.io. */
export function isAuditPolicy(resource: Pick<Resource, 'kind' | 'group'>): boolean {
  return resource.kind === 'Policy' && resource.group === 'audit.k8s.io';
}

/** The `rules` of an audit Policy, or none. */
export function auditPolicyRules(resource: Resource): unknown[] {
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
  if (!isJsonObject(entry)) return false;
  if (nonEmpty(entry['resourceNames'])) return false;
  const group = typeof entry['group'] === 'string' ? entry['group'] : '';
  if (group !== request.group) return false;
  const resources = strings(entry['resources']);
  return resources.length === 0 || resources.some((p) => resourceMatches(p, request.resource));
}

function ruleMatches(rule: JsonObject, request: AuditRequest): boolean {
  if (nonEmpty(rule['users']) || nonEmpty(rule['nonResourceURLs'])) return false;
  if (nonEmpty(rule['namespaces']) && (request.namespace === undefined || !strings(rule['namespaces']).includes(request.namespace))) return false;
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
export function decideAudit(rules: readonly unknown[], request: AuditRequest): AuditDecision {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (isJsonObject(rule) && ruleMatches(rule, request)) return { level: levelOf(rule), rule: i };
  }
  return { level: 'None', rule: -1 };
}
