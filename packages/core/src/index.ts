export type { Finding, Position, Range, RelatedLocation, ResourceRef, ControlRef, Severity, SeveritySetting, Suppression } from './types.js';
export { SEVERITIES, severityRank } from './types.js';

export { YamlDocument, YamlSyntaxError, MAX_ALIAS_EXPANSION } from './parse/document.js';
export type { JsonPath, PathSegment, Located, DuplicateKey } from './parse/document.js';
export { splitDocuments } from './parse/split.js';
export { LineIndex } from './parse/lines.js';
export { KUBERNETES_SCHEMA } from './parse/schema.js';

export { SourceDocument } from './input/source.js';
export { collectFiles, displayPath, STDIN } from './input/collect.js';
export type { Collected, InputFile } from './input/collect.js';
export { decode } from './input/decode.js';
export { loadText } from './input/load.js';
export type { LoadVisitor, InputProblem, SkippedDocument } from './input/load.js';

export type { KubernetesObject, Resource } from './model/resource.js';
export { apiGroup, isKubernetesObject, makeResource, resourceLabel, resourceRef } from './model/resource.js';
export type { Container, ContainerKind, ContainerRef, PodSpec, PodSpecRef } from './model/workload.js';
export { containersOf, isWorkload, podSpecOf, WORKLOAD_KINDS } from './model/workload.js';

export { defineRule, isSetRule } from './engine/rule.js';
export type {
  AppliesTo, RelatedReport, Report, ResourceRule, ResourceSet, ResourceSummary, Rule, RuleContext, RuleMeta, SetContext, SetReport, SetRule, Settings,
} from './engine/rule.js';
export { defineFramework, atProfileLevel, assessmentOf, compareControlIds, invertFrameworks } from './engine/framework.js';
export type { Assessment, Control, Framework } from './engine/framework.js';
export { definePlugin } from './engine/plugin.js';
export type { Plugin } from './engine/plugin.js';
export { BUILTIN_RULES } from './engine/builtin.js';
export { Linter, ConfigurationError, MAX_FILE_BYTES } from './engine/lint.js';
export type { ActiveRule, FindingPolicy, LintOptions, LintResult, PolicyContext, ResourceSeen, SkippedInput } from './engine/lint.js';
export { compareFindings } from './engine/sort.js';
export {
  atLeast, compareKubeVersions, formatKubeVersion, parseKubeVersion, LATEST_KUBE_VERSION, OLDEST_KUBE_VERSION,
} from './engine/kube-version.js';
export type { KubeVersion } from './engine/kube-version.js';

export { CHUNKED_FORMATTERS, FORMATTERS } from './formatters/index.js';
export { stylish } from './formatters/stylish.js';
export { json, jsonChunks, JSON_REPORT_VERSION } from './formatters/json.js';
export type { ChunkedFormatter, Formatter, FormatOptions } from './formatters/types.js';

export { lintFixture, fixtureExpectations, fixtureMarkedRules, fixtureOptions, markdownYamlBlocks } from './testing/fixture.js';
export type { FixtureOutcome } from './testing/fixture.js';

export { matchesSelector, matchesLabelMap } from './model/selector.js';
export type { LabelSelector } from './model/selector.js';

export { RbacModel, rbacModelOf, rbacSubjects, grants, subjectLabel, roleLabel, bindingLabel, RBAC_API_GROUP, RBAC_KINDS } from './model/rbac.js';
export type { AccessRequest, Grant, PolicyRule, RbacBinding, RbacRole, RbacSubject, RuleSource } from './model/rbac.js';

export {
  NetworkModel, networkModelOf, analyzeNetworkPolicy, allowAllRules, cidrContains, isAllAddresses, isClusterNetworkPolicy, isDefaultDeny,
  isKubernetesNetworkPolicy, isOtherNamespacedPolicy, isolatesNamespace, policySelects, rulesOfDirection, ruleAdmitsAddress,
} from './model/network.js';
export type {
  EgressVerdict, NamespaceInfo, NetworkPolicyInfo, PeerReach, PodOwner, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule, PolicyDirection,
} from './model/network.js';

export { sarif, SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI, SECURITY_SEVERITY } from './formatters/sarif.js';
export { junit } from './formatters/junit.js';
export { github, GITHUB_ANNOTATIONS_PER_TYPE } from './formatters/github.js';
export {
  markdown, escapeMarkdown, MARKDOWN_TOP_RULES, MARKDOWN_FINDINGS_PER_RULE, MARKDOWN_SUPPRESSIONS, MARKDOWN_FINDINGS_BUDGET,
} from './formatters/markdown.js';
export { html, HTML_CHART_ROWS, HTML_FINDINGS_PER_CONTROL } from './formatters/html.js';

export { complianceReport, formatScore, scoreShortfalls, CONTROL_STATUSES } from './report/compliance.js';
export type { ComplianceReport, ControlResult, ControlStatus, FrameworkResult, ScoreShortfall } from './report/compliance.js';
export { complianceText } from './report/text.js';
export { complianceJson, COMPLIANCE_REPORT_VERSION } from './report/json.js';
export { groupByRule, sourceLink } from './report/rule-groups.js';
export type { RuleGroup } from './report/rule-groups.js';
export { CatalogError, loadCatalogFile, loadCatalogPlugins, parseCatalog } from './frameworks/catalog-file.js';
export type { ParseCatalogOptions } from './frameworks/catalog-file.js';

export { CONFIG_FILE_NAMES, ConfigError, findConfigFile, formatConfigProblem, loadConfigFile, parseConfig, resolveConfig } from './config/load.js';
export type { ParseConfigOptions, ResolveConfigOptions } from './config/load.js';
export type {
  ConfigProblem, ConfigSuppression, FailLevel, KubecomplyConfig, LoadedConfig, PciConfig, PciScope, ResourceSelector, RuleOverride,
} from './config/types.js';
export { checkConfigReferences, knownIds } from './config/references.js';
export type { KnownIds } from './config/references.js';
export { ignoreMatcher, selectInputs } from './config/ignore.js';
export type { SelectedInputs } from './config/ignore.js';
export { fileMatcher, resourceMatcher } from './config/match.js';
export { lintOptionsFromConfig } from './config/options.js';
export { CONFIG_TEMPLATE } from './config/template.js';
export { GovernancePolicy, SUPPRESSION_INVALID, UNSUPPRESSIBLE_MAX_DAYS } from './policy/governance.js';
export type { GovernanceOptions } from './policy/governance.js';
export { SUPPRESSION_ANNOTATION_PREFIX, parseSuppressionAnnotation } from './policy/annotations.js';
export type { AnnotationSuppression } from './policy/annotations.js';
export { NOW_ENV, resolveToday } from './policy/today.js';
export { BASELINE_VERSION, applyBaseline, createBaseline, fingerprint, fingerprints, formatBaseline, parseBaseline } from './policy/baseline.js';
export type { Baseline, BaselineEntry } from './policy/baseline.js';
