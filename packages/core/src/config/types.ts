import type { JsonPath } from '../base/types.js';
import type { ConfigProblem } from '../base/problem.js';
import type { Severity, SeveritySetting } from '../base/types.js';

/** The lowest severity that makes a run fail, or 'none'. */
export type FailLevel = 'error' | 'warning' | 'info' | 'none';

/** Matches a resource when every field given matches (micromatch globs). */
export interface ResourceSelector {
  kind?: string;
  /** Never matches a resource without a namespace. */
  namespace?: string;
  name?: string;
}

/** Rule severities for the findings in some files and/or about some resources. */
export interface RuleOverride {
  /** Globs relative to the config file's directory. */
  files?: string[];
  resources?: ResourceSelector[];
  rules: Record<string, SeveritySetting>;
}

/** Findings of one rule accepted on purpose, for a reason, maybe until a date. */
export interface ConfigSuppression {
  rule: string;
  resources?: ResourceSelector[];
  /** Globs relative to the config file's directory. */
  files?: string[];
  reason: string;
  /** Last day (YYYY-MM-DD, UTC) on which it applies. */
  expires?: string;
}

/** The contents of `.kubecomply.yaml`; docs/config.md is the reference. */
export interface KubecomplyConfig {
  /** Values of the top-level keys that rule packages declare (`Plugin.settings`), by key. */
  packageSettings?: Record<string, unknown>;
  frameworks?: string[];
  /** Rule packages to load: npm package names (resolved from the config file's directory) or paths relative to it. */
  plugins?: string[];
  /** "1.30" */
  kubernetesVersion?: string;
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  overrides?: RuleOverride[];
  /** Registry prefixes images may come from. */
  allowedRegistries?: string[];
  /** Files or folders of CustomResourceDefinitions whose schemas check custom resources (relative to the config's directory). */
  crds?: string[];
  /** Declarative checks (config/checks.ts). */
  checks?: DeclarativeCheck[];
  /** Files holding more `checks:` (relative to the config's directory). */
  checkFiles?: string[];
  suppressions?: ConfigSuppression[];
  failOn?: FailLevel;
  /** Lowest acceptable score, 0-100, per framework id. */
  minScore?: Record<string, number>;
}

/** One problem in a config file, with its position. */

/** A config file that was read and validated. */
export interface LoadedConfig {
  /** Absolute path. */
  file: string;
  /** Path relative to the working directory, for messages. */
  display: string;
  /** Absolute directory that `ignore`, `overrides[].files` and `suppressions[].files` are relative to. */
  dir: string;
  config: KubecomplyConfig;
  /** Where a path of the config is written, as a problem (for checks made after loading, e.g. of rule ids). */
  problemAt(path: JsonPath, message: string): ConfigProblem;
}

/** Which resources a declarative check looks at; every field given must match. */
export interface CheckMatch {
  /** Kind globs; 'workloads' for every kind that runs pods. */
  kinds?: string[];
  apiVersions?: string[];
  namespaces?: string[];
  names?: string[];
  /** Labels the resource must have; each value is a glob. */
  labels?: Record<string, string>;
  /** File globs, relative to the directory of the file that holds the check. */
  files?: string[];
}

/** A company policy as data: resources that match must satisfy `schema` at `path`. */
export interface DeclarativeCheck {
  id: string;
  description: string;
  severity: Severity;
  match?: CheckMatch;
  /** 'spec.template.spec.containers[*].image'; default: the whole resource. */
  path?: string;
  /** JSON Schema, draft 7. */
  schema: Record<string, unknown> | boolean;
  /** {kind}, {name}, {namespace} and {path} are filled in. */
  message: string;
  remediation?: string;
  controls?: { framework: string; id: string; title?: string }[];
}
