import type { ControlRef, Finding, HelmInfo, JsonPath, Range, RelatedLocation, ResourceRef, Severity } from '../base/types.js';

/**
 * The parts findings share, and the finding object itself. A run holds every
 * finding until the end (the report is sorted), so what one finding costs
 * decides the run's memory on findings-heavy input: on 10,000 unhardened
 * Deployments, 168,016 findings have 229 distinct messages, 16 distinct
 * paths, and three in four of them have the range of the finding before.
 * Shared, those take one object each instead of one per finding, and the
 * report writers turn each into text once (formatters/json.ts).
 */

/**
 * A finding as the engine makes it: every field set in the constructor, in
 * the order reports list them, so V8 keeps the properties inside the object
 * (a literal grown field by field spills them into a second array). Plain
 * data all the same: own enumerable fields only, as `Finding` describes.
 */
class EngineFinding {
  declare ruleId: string;
  declare severity: Severity;
  declare message: string;
  declare resource?: ResourceRef;
  declare file: string;
  declare range: Range;
  declare path: JsonPath;
  declare pathFound: boolean;
  declare helm?: HelmInfo;
  declare related?: RelatedLocation[];
  declare omitted?: number;
  declare controls: ControlRef[];
  declare remediation: string;

  constructor(
    ruleId: string,
    severity: Severity,
    message: string,
    resource: ResourceRef | undefined,
    file: string,
    range: Range,
    path: JsonPath,
    pathFound: boolean,
    helm: HelmInfo | undefined,
    related: RelatedLocation[] | undefined,
    omitted: number | undefined,
    controls: ControlRef[],
    remediation: string,
  ) {
    this.ruleId = ruleId;
    this.severity = severity;
    this.message = message;
    if (resource) this.resource = resource;
    this.file = file;
    this.range = range;
    this.path = path;
    this.pathFound = pathFound;
    if (helm) this.helm = helm;
    if (related) this.related = related;
    if (omitted !== undefined) this.omitted = omitted;
    this.controls = controls;
    this.remediation = remediation;
  }
}

/** What a finding holds besides its rule's id, severity, controls and remediation. */
export type FindingPlace = Omit<Finding, 'ruleId' | 'severity' | 'controls' | 'remediation'>;

/** One finding, with the rule's controls and remediation shared, not copied. */
export function makeFinding(ruleId: string, severity: Severity, place: FindingPlace, controls: ControlRef[], remediation: string): Finding {
  return new EngineFinding(
    ruleId,
    severity,
    place.message,
    place.resource,
    place.file,
    place.range,
    place.path,
    place.pathFound,
    place.helm,
    place.related,
    place.omitted,
    controls,
    remediation,
  ) as Finding;
}

/** Most distinct messages kept for sharing; past it the table starts again (a run of unique messages costs no more than this). */
const MESSAGE_TABLE = 65536;

/** Most nodes of the path table; past it the table starts again. */
const PATH_TABLE = 65536;

interface PathNode {
  /** The shared array for the path that ends here. */
  path?: JsonPath;
  next?: Map<string | number, PathNode>;
}

/**
 * Messages, paths and ranges shared between the findings of a run. Findings
 * are plain data that nobody changes once made (a policy that changes one
 * copies it), so sharing them is invisible in every report.
 */
export class SharedParts {
  private messages = new Map<string, string>();
  private root: PathNode = {};
  private pathNodes = 0;
  private lastRange: Range | undefined;

  /** The message text shared with earlier findings that said the same. */
  message(text: string): string {
    const known = this.messages.get(text);
    if (known !== undefined) return known;
    if (this.messages.size >= MESSAGE_TABLE) this.messages.clear();
    this.messages.set(text, text);
    return text;
  }

  /** `[...base, ...path]`, as one array shared by every finding at that path. */
  path(base: JsonPath, path: JsonPath): JsonPath {
    if (this.pathNodes >= PATH_TABLE) {
      this.root = {};
      this.pathNodes = 0;
    }
    let node = this.root;
    for (const segment of base) node = this.step(node, segment);
    for (const segment of path) node = this.step(node, segment);
    if (!node.path) node.path = base.length === 0 ? [...path] : [...base, ...path];
    return node.path;
  }

  /** The range, or an equal one made before: findings come resource by resource, and many rules report at one place. */
  range(range: Range): Range {
    const last = this.lastRange;
    if (
      last !== undefined &&
      last.start.line === range.start.line &&
      last.start.column === range.start.column &&
      last.end.line === range.end.line &&
      last.end.column === range.end.column
    ) {
      return last;
    }
    this.lastRange = range;
    return range;
  }

  private step(node: PathNode, segment: string | number): PathNode {
    const next = (node.next ??= new Map());
    let child = next.get(segment);
    if (!child) {
      next.set(segment, (child = {}));
      this.pathNodes++;
    }
    return child;
  }
}
