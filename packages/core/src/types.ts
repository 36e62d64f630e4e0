import type { JsonPath } from './parse/document.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** 0 for info, 1 for warning, 2 for error: for comparisons with a fail level. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ControlRef {
  framework: string;
  version: string;
  id: string;
}

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
  helm?: { template: string };
  /** Other places that take part in the finding (SARIF relatedLocations). */
  related?: RelatedLocation[];
  controls: ControlRef[];
  remediation: string;
  suppression?: Suppression;
}
