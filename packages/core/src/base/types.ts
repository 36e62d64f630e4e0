/** One step of a JSON path: a mapping key or a sequence index. */
export type PathSegment = string | number;
/** Where a value sits inside a document, from its root. */
export type JsonPath = readonly PathSegment[];

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';
/** A severity, or `off` to turn a rule off. */
export type SeveritySetting = Severity | 'off';

/** The severities, least severe first. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** 0 for info, 1 for warning, 2 for error: for comparisons with a fail level. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A place in a file: 1-based line and column. */
export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** A span of a file, from `start` to `end`. */
export interface Range {
  start: Position;
  end: Position;
}

/** Which resource a finding is about: apiVersion, kind, name and namespace. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** A control a finding gives evidence against: framework id, framework version and control id. */
export interface ControlRef {
  framework: string;
  version: string;
  id: string;
}

/** Why a finding is suppressed: the reason, an optional expiry, and where the suppression came from. */
export interface Suppression {
  reason: string;
  expires?: string;
  source: 'annotation' | 'config' | 'baseline';
}

/** Another place that explains a finding, e.g. the binding that grants the role a finding is about. */
export interface RelatedLocation {
  message: string;
  file: string;
  range: Range;
  path: JsonPath;
  resource?: ResourceRef;
}

/** One problem found: the rule, severity, message, resource, exact file range and JSON path, framework controls and remediation; suppressed findings say why. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absent for findings about a file or document that holds no readable resource. */
  resource?: ResourceRef;
  /** Relative to the working directory, with '/' separators; '<stdin>' for standard input. */
  file: string;
  range: Range;
  /** JSON path of the offending field inside the document, as the rule meant it. */
  path: JsonPath;
  /** True when the path exists in the source; false when the range is its nearest existing ancestor. */
  pathFound: boolean;
  helm?: HelmInfo;
  /** Other places that take part in the finding (SARIF relatedLocations). */
  related?: RelatedLocation[];
  /**
   * Present on the one finding that stands for the rest when a rule reported
   * more than it lists for one resource: how many were left out. It is at the
   * resource, and its message gives the count.
   */
  omitted?: number;
  controls: ControlRef[];
  remediation: string;
  suppression?: Suppression;
}

/** Where a finding of Helm-rendered output comes from in its chart (docs/helm.md). */
export interface HelmInfo {
  /** The `# Source:` path of the rendered document. */
  template: string;
  /** Name of the chart whose template the finding was mapped to. */
  chart?: string;
  /**
   * `exact`: the finding's file and range are the template line that writes the
   * offending key (or, with `absent`, the line that would write it or the
   * nearest enclosing one); `block`: an enclosing line, `reason` says why;
   * `unmapped`: no chart source was found, the finding stays on the rendered file.
   */
  mapping?: 'exact' | 'block' | 'unmapped';
  reason?: string;
  /** The offending key is not in the output. */
  absent?: boolean;
  /** The rendered location, which the finding pointed at before mapping. */
  rendered?: { file: string; range: Range };
  /** Values keys behind the line, and where values files set them (1-based lines). */
  values?: { key: string; locations: { file: string; line: number; column: number; defaults: boolean }[] }[];
  /** Values files (`--helm-values`) of the render(s) the finding was seen in. */
  valuesFiles?: string[];
  /** Every render that produced this finding, when several renders of a chart were merged. */
  renders?: { file: string; range: Range; valuesFiles: string[]; resource?: ResourceRef }[];
  /** The resource's `helm.sh/hook` annotation: it runs at that point of a release, not as part of it. */
  hook?: string;
  /** The line reads `lookup`, which `helm template` answers with nothing. */
  lookup?: boolean;
}
// ---------------------------------------------------------------- reachability report
// Plain data the reachability model produces (model/reach/report.ts) and the formatters draw.

/** A rule of a reachability report, with its file and line. */
export interface ReachRuleRef {
  /** `NetworkPolicy/payments/db-clients spec.ingress[1]`. */
  label: string;
  file: string;
  line: number;
}

/** How one end of a reported path decided. */
export interface ReachEnd {
  /** How this end decided: 'rule', 'no-policy', 'passed', 'not-a-pod' (an address has no policy), 'self', 'local-node'. */
  reason: 'rule' | 'end-of-tier' | 'no-policy' | 'passed' | 'not-a-pod' | 'self' | 'local-node';
  rule?: ReachRuleRef;
  /** Pass rules crossed before the deciding one. */
  passedBy?: readonly ReachRuleRef[];
  /** An AdminNetworkPolicy of the same priority with the opposite answer. */
  ambiguousWith?: ReachRuleRef;
}

/** A workload or address range of a reachability report. */
export interface ReachNode {
  id: string;
  kind: 'workload' | 'host-network' | 'addresses';
  /** `Deployment/payments/api`, `0.0.0.0/0`. */
  label: string;
  namespace?: string;
  /** Selected by the report's selection (the CDE, a namespace...). */
  selected: boolean;
  /** Marked by the selection's `mark` (e.g. in the CDE). */
  marked: boolean;
}

/** One allowed path of a reachability report. */
export interface ReachEdge {
  from: string;
  to: string;
  /** 'TCP 5432', 'every port'. */
  ports: string;
  egress: ReachEnd;
  ingress: ReachEnd;
}

/** Every allowed path into and out of a selection of workloads, with the rules that allow them. */
export interface ReachReport {
  /** What was selected, in words: 'the CDE', 'namespace "payments"'. */
  selection: string;
  nodes: ReachNode[];
  edges: ReachEdge[];
  /** Policies recognised but not evaluated, and why; Cilium/Antrea policies. */
  notes: string[];
}
