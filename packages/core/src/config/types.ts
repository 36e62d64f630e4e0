import type { JsonPath } from '../parse/document.js';
import type { SeveritySetting } from '../types.js';

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

/** What is in the PCI DSS cardholder data environment; read by the PCI rule package. */
export interface PciScope {
  /** Namespace globs. */
  namespaces?: string[];
  /** A namespace with all of these labels is in scope. */
  namespaceLabels?: Record<string, string>;
  /** A workload whose pod labels include all of these is in scope. */
  workloadLabels?: Record<string, string>;
}

export interface PciConfig {
  scope?: PciScope;
}

/** The contents of `.kubecomply.yaml`; docs/config.md is the reference. */
export interface KubecomplyConfig {
  frameworks?: string[];
  /** "1.30" */
  kubernetesVersion?: string;
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  overrides?: RuleOverride[];
  pci?: PciConfig;
  /** Registry prefixes images may come from. */
  allowedRegistries?: string[];
  suppressions?: ConfigSuppression[];
  failOn?: FailLevel;
  /** Lowest acceptable score, 0-100, per framework id. */
  minScore?: Record<string, number>;
}

/** One problem in a config file, with its position. */
export interface ConfigProblem {
  /** The file as shown to the user: relative to the working directory. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

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
