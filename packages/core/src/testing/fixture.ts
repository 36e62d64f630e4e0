import { Linter, type LintOptions } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';
import { parseKubeVersion, type KubeVersion } from '../base/kube-version.js';

/**
 * Fixture files carry their expectations inline: `# expect: rule-a, rule-b`
 * at the end of a line means those rules report a finding that starts on
 * that line, and no other (rule, line) pair may be reported anywhere in the
 * file. A header comment `# kubecomply: kube-version=1.30` sets options.
 */
export interface FixtureOutcome {
  /** Sorted `line:rule-id` pairs the markers ask for. */
  expected: string[];
  /** Sorted `line:rule-id` pairs the linter reported. */
  actual: string[];
  result: LintResult;
}

const EXPECT = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const DIRECTIVE = /^#\s*kubecomply:\s*(.+)$/;

/** The (line, rule) pairs a fixture's `# expect:` markers declare, sorted. */
export function fixtureExpectations(text: string): string[] {
  const pairs = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const id of (m[1] as string).split(',')) pairs.add(`${i + 1}:${id.trim()}`);
  });
  return [...pairs].sort(comparePairs);
}

/**
 * Options set in the fixture's header: `kube-version=1.30`, `framework=pss-baseline`, `rules=a,b`,
 * `allowed-registries=a/,b/`, and a rule package's settings by dotted path under its config key:
 * `pci.scope.namespaces=cde-*,pay` (a list) or `pci.scope.namespaceLabels=key=value,key2=value2` (a map).
 */
export function fixtureOptions(text: string): Partial<LintOptions> {
  const options: { kubeVersion?: KubeVersion; frameworks?: string[]; rules?: string[]; allowedRegistries?: string[]; settings?: Record<string, unknown> } = {};
  const list = (value: string) => value.split(',').filter(Boolean);
  for (const line of text.split(/\r?\n/)) {
    const m = DIRECTIVE.exec(line.trim());
    if (!m) continue;
    for (const setting of (m[1] as string).split(/\s+/)) {
      const eq = setting.indexOf('=');
      const key = eq === -1 ? setting : setting.slice(0, eq);
      const value = eq === -1 ? '' : setting.slice(eq + 1);
      if (key === 'kube-version') {
        const v = parseKubeVersion(value);
        if (!v) throw new Error(`Bad kube-version "${value}" in fixture header.`);
        options.kubeVersion = v;
      } else if (key === 'framework') {
        (options.frameworks ??= []).push(value);
      } else if (key === 'rules') {
        (options.rules ??= []).push(...list(value));
      } else if (key === 'allowed-registries') {
        (options.allowedRegistries ??= []).push(...list(value));
      } else if (/^[a-z][\w-]*(\.[A-Za-z]\w*)+$/.test(key)) {
        setPackageSetting((options.settings ??= {}), key, value);
      } else {
        throw new Error(`Unknown fixture setting "${key}".`);
      }
    }
  }
  return options;
}

/** Sets a package setting at a dotted path: a value of `k=v` pairs is a map, any other a list. */
function setPackageSetting(settings: Record<string, unknown>, dotted: string, value: string): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  let node = settings;
  for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
  const items = value.split(',').filter(Boolean);
  if (items.length > 0 && items.every((item) => item.indexOf('=') > 0)) {
    const map = (node[last] ??= {}) as Record<string, string>;
    for (const item of items) map[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
  } else {
    ((node[last] ??= []) as string[]).push(...items);
  }
}

function comparePairs(a: string, b: string): number {
  const [la, ra] = a.split(':') as [string, string];
  const [lb, rb] = b.split(':') as [string, string];
  return Number(la) - Number(lb) || (ra < rb ? -1 : ra > rb ? 1 : 0);
}

/** Every rule id named by a marker of the fixture. */
export function fixtureMarkedRules(text: string): string[] {
  return [...new Set(fixtureExpectations(text).map((pair) => pair.slice(pair.indexOf(':') + 1)))].sort();
}

/**
 * Lints a fixture's text and pairs its markers with what was reported.
 * `options.rules` (with the rules named in the header's `rules=`) selects the
 * rules under test: a fixture asserts what those rules do, not that every
 * other rule of a package stays quiet on it.
 */
export function lintFixture(text: string, file: string, options: LintOptions): FixtureOutcome {
  const header = fixtureOptions(text);
  const rules = [...new Set([...(options.rules ?? []), ...(header.rules ?? [])])];
  const linter = new Linter({ ...options, ...header, ...(rules.length > 0 ? { rules } : {}) });
  const result = linter.lintText(text, file);
  const actual = [...new Set(result.findings.map((f) => `${f.range.start.line}:${f.ruleId}`))].sort(comparePairs);
  return { expected: fixtureExpectations(text), actual, result };
}

/** The YAML examples of a Markdown document (fenced ```yaml blocks), with their first line in the document. */
export function markdownYamlBlocks(markdown: string): { text: string; line: number }[] {
  const blocks: { text: string; line: number }[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] as string)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++;
    blocks.push({ text: lines.slice(start, end).join('\n') + '\n', line: start + 1 });
    i = end;
  }
  return blocks;
}
