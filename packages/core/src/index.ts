/**
 * @kubecomply/core: parse Kubernetes manifests with exact source positions,
 * run compliance rules over them, and report.
 *
 * The public API, for two kinds of user:
 * - people who lint from their own code: `lint()`, its result types, the
 *   formatters, compliance reports, config and baselines;
 * - authors of rule packages: `defineRule`, `defineFramework`,
 *   `definePlugin` and the Kubernetes model (workloads, selectors, RBAC,
 *   NetworkPolicy) their rules read.
 * Test helpers for rule packages are at `@kubecomply/core/testing`.
 * Everything else is internal and may change in any release;
 * `packages/core/api.txt` lists this surface and a test keeps it so.
 */

// Linting, as the command does.
export { lint, failsAt } from './api/lint.js';
export type { LintOutcome, LintRequest, SourceText } from './api/lint.js';
export { LintWorkerError, isLintWorker, serveLintWorker } from './api/parallel.js';
export type { LintWorkerScript, LintWorkerSetup } from './api/parallel.js';
export { configForFile } from './api/config-for-file.js';
export type { FileConfig } from './api/config-for-file.js';
export type { Shard } from './input/shard.js';
export { Linter } from './engine/lint.js';
export type { LintOptions, LintProgress } from './engine/lint.js';

// Helm charts: findings of rendered output mapped to template lines and values keys.
export { HelmMapper } from './helm/map.js';
export type { HelmMapperOptions, TemplateMapping } from './helm/map.js';
export { mergeRenders } from './helm/finding.js';
export type { ActiveRule, FindingPolicy, LintResult, PolicyContext, ResourceSeen, SkippedInput } from './engine/result.js';
export { ConfigurationError } from './base/errors.js';
// Stops a run with one line before V8 runs out of heap: lint() watches its own; a caller watches what it builds after (a report).
export { HeapExhaustedError, HeapGuard } from './base/memory.js';
export { MAX_FILE_BYTES } from './input/read.js';
// Reads of files people write (config, baseline, catalog, values): regular files only, within a size cap, never a FIFO or device.
export { MAX_SETTINGS_FILE_BYTES, describeReadError, readRegularTextFile } from './input/read.js';
// What paths name (files, directories, globs) as lint() expands them: the GitHub Action intersects it with a pull request's changes.
export { collectFiles } from './input/collect.js';
// The directory reports for a repository host name files from.
export { repositoryRoot } from './input/repository-root.js';

// Findings.
export type {
  ControlRef,
  Finding,
  HelmInfo,
  JsonPath,
  PathSegment,
  Position,
  Range,
  RelatedLocation,
  ResourceRef,
  Severity,
  SeveritySetting,
  Suppression,
} from './base/types.js';
export { SEVERITIES, severityRank } from './base/types.js';
export { compareFindings } from './base/sort.js';

// Kubernetes versions.
export {
  atLeast,
  compareKubeVersions,
  formatKubeVersion,
  parseKubeVersion,
  LATEST_KUBE_VERSION,
  OLDEST_KUBE_VERSION,
} from './base/kube-version.js';
export type { KubeVersion } from './base/kube-version.js';

// "Did you mean": the nearest known name to a misspelt one.
export { editDistance, nearest } from './base/nearest.js';
export { formatCount } from './base/count.js';

// Writing rules, frameworks and rule packages.
export { defineRule, isSetRule } from './engine/rule.js';
export type {
  AppliesTo,
  RelatedReport,
  Report,
  ResourceRule,
  Rule,
  RuleContext,
  RuleMeta,
  SetContext,
  SetReport,
  SetRule,
  Settings,
} from './engine/rule.js';
export { defineFramework, atKubeVersion, atProfileLevel, assessmentOf, compareControlIds, controlApplies, invertFrameworks } from './engine/framework.js';
export type { Assessment, Control, Framework } from './engine/framework.js';
export { definePlugin } from './engine/plugin.js';
export type { Plugin, PluginSetting } from './engine/plugin.js';
export type { SchemaErrorObject, SchemaObjectKeys, SchemaValidator } from './base/schema-validator.js';
export { CatalogError, loadCatalogFile, loadCatalogPlugins, parseCatalog } from './engine/catalog-file.js';
export type { ParseCatalogOptions } from './engine/catalog-file.js';

// The Kubernetes model rules read.
export type { KubernetesObject, Resource } from './model/resource.js';
export { apiGroup, resourceLabel } from './model/resource.js';
export type { ResourceSet, ResourceSummary } from './model/resource-set.js';
export type { Container, ContainerKind, ContainerRef, HostPortRef, PodSpec, PodSpecRef } from './model/workload.js';
export { containerLabel, containersOf, hostPortsOf, isWorkload, podSpecOf, WORKLOAD_KINDS } from './model/workload.js';
export { containerDefaults, setsQuantity } from './model/limit-range.js';
export type { ComputeResource, ContainerDefaults } from './model/limit-range.js';
export { isJsonObject, labelMap, objectField, stringField } from './base/json.js';
export type { JsonObject } from './base/json.js';
export { hasRegistryPrefix, isAllowedImage, isPlaceholderImage, normalizedImage, parseImage } from './model/image.js';
export type { ImageRef } from './model/image.js';
export {
  findService,
  ingressBackends,
  ingressTls,
  isIngress,
  isInternalLoadBalancer,
  isRoute,
  isService,
  loadBalancerSourceRanges,
  routeBackends,
  serviceExposures,
  serviceSelects,
  ROUTE_KINDS,
  SOURCE_RANGES_ANNOTATION,
} from './model/exposure.js';
export type { IngressBackend, IngressTls, RouteBackend, ServiceExposure, SourceRanges } from './model/exposure.js';
export {
  dataKeys,
  hpaBounds,
  hpaTargets,
  isBuiltinKind,
  pdbSelects,
  podReferences,
  replicasOf,
  resolveBudget,
  runningPodLabels,
  sameNamespace,
  scaleTargetOf,
  serviceSelector,
  serviceSelectsPods,
  servicePortMatches,
  servicePorts,
  serviceType,
} from './model/references.js';
export type { PodReference, PodSelectable, ReferencedKind, ScaleTarget, ServicePort } from './model/references.js';
export { matchesSelector, matchesLabelMap } from './model/selector.js';
export type { LabelSelector } from './model/selector.js';
export {
  RbacModel,
  rbacModelOf,
  rbacSubjects,
  grants,
  podExecRequests,
  subjectLabel,
  roleLabel,
  bindingLabel,
  RBAC_API_GROUP,
  RBAC_KINDS,
} from './model/rbac.js';
export type { AccessRequest, Grant, PodExecRequest, PolicyRule, RbacBinding, RbacRole, RbacSubject } from './model/rbac.js';
export { NetworkModel, networkModelOf, analyzeNetworkPolicy, allowAllRules, isAllAddresses, isolatesNamespace } from './model/network.js';
export type {
  EgressVerdict,
  NamespaceInfo,
  NetworkPolicyInfo,
  PeerReach,
  PodOwner,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  PolicyDirection,
} from './model/network.js';
// Embedded YAML (a kubeconfig or a KubeletConfiguration inside a ConfigMap) read as Kubernetes reads it.
export { YamlDocument, YamlSyntaxError } from './parse/document.js';
export type { Located } from './parse/document.js';

// Config.
export { checkRule, configChecks, withChecks } from './config/checks.js';
export type { AjvLoader, LoadedCheck } from './config/checks.js';
export type { CheckMatch, DeclarativeCheck } from './config/types.js';
export { CONFIG_FILE_NAMES, ConfigError, findConfigFile, loadConfigFile, parseConfig, resolveConfig } from './config/load.js';
export type { ParseConfigOptions, ResolveConfigOptions } from './config/load.js';
export type { ConfigSuppression, FailLevel, KubecomplyConfig, LoadedConfig, ResourceSelector, RuleOverride } from './config/types.js';
export { formatConfigProblem } from './base/problem.js';
export type { ConfigProblem } from './base/problem.js';
export { resourceMatcher } from './config/match.js';
export { CONFIG_TEMPLATE } from './config/template.js';

// Suppressions and baselines.
export { SUPPRESSION_ANNOTATION_PREFIX } from './policy/annotations.js';
export { UNUSED_SUPPRESSION, unusedConfigSuppressions } from './policy/unused.js';
export { NOW_ENV } from './policy/today.js';
export { BASELINE_VERSION, applyBaseline, createBaseline, fingerprint, formatBaseline, loadBaselineFile, parseBaseline } from './policy/baseline.js';
export type { Baseline, BaselineEntry } from './policy/baseline.js';

// Compliance reports.
export { complianceReport, formatScore, scoreShortfalls, CONTROL_STATUSES } from './report/compliance.js';
export type { ComplianceReport, ControlResult, ControlStatus, FrameworkResult, ScoreShortfall } from './report/compliance.js';

// Output formats.
export { CHUNKED_FORMATTERS, FORMATTERS, isFormatName } from './formatters/index.js';
export type { FormatName } from './formatters/index.js';
export type { ChunkedFormatter, Formatter, FormatOptions } from './formatters/types.js';
export { complianceText } from './formatters/compliance-text.js';
export { complianceJson, COMPLIANCE_REPORT_VERSION } from './formatters/compliance-json.js';
export { JSON_REPORT_VERSION } from './formatters/json.js';
export { SARIF_SCHEMA_URI } from './formatters/sarif.js';
export { SARIF_LIMITS, sarifOmittedMessage } from './formatters/sarif-limits.js';
export { escapeData as escapeGithubData, githubAnnotation, GITHUB_ANNOTATIONS_PER_TYPE } from './formatters/github.js';
export { escapeMarkdown } from './formatters/markdown.js';
export { relocateResult } from './report/paths.js';

// Reachability: Kubernetes NetworkPolicy, Calico policy and the AdminNetworkPolicy API evaluated together.
export { ReachabilityModel, reachabilityModelOf, REACH_KINDS, PROTOCOLS, workloadId } from './model/reach/model.js';
export type { IsolationResult, PortRanges, ReachPath, ReachPeer, UnevaluatedPolicy } from './model/reach/model.js';
export type {
  AddressPeer,
  ContainerPortFact,
  DecisionReason,
  Direction,
  DirectionVerdict,
  Flow,
  FlowVerdict,
  ModelPolicy,
  ModelRule,
  ModelTier,
  Peer,
  PodNetworkFacts,
  PodPeer,
  ReachInput,
  RuleAction,
  RuleRef,
  SkippedPolicy,
  WorkloadSummary,
} from './model/reach/types.js';
export type { NetworkSetInfo, PolicyProblem } from './model/reach/calico.js';
export { ruleLabel, verdictText, verdictLocation, portsText } from './model/reach/describe.js';
export { parseCalicoSelector, evaluateSelector, selectorText, SelectorSyntaxError } from './model/reach/calico-selector.js';
export type { SelectorNode } from './model/reach/calico-selector.js';
export { parseCidrRange, rangeToCidrs } from './model/reach/address.js';
export type { AddressRange, Family } from './model/reach/address.js';
export { buildReachReport } from './model/reach/report.js';
export type { ReachSelection } from './model/reach/report.js';
export type { ReachEdge, ReachEnd, ReachNode, ReachReport, ReachRuleRef } from './base/types.js';
export { ReachCollector } from './engine/reach-collector.js';
export { reachText, reachMarkdown, reachEndText } from './formatters/reach.js';
export { reachSvg, reachLegendHtml } from './formatters/reach-svg.js';

// Audit policies, evaluated as the API server does.
export { auditLevelRank, auditPolicyRules, decideAudit, isAuditPolicy } from './model/audit-policy.js';
export type { AuditDecision, AuditLevel, AuditRequest } from './model/audit-policy.js';
