import {
  ConfigurationError,
  compareFindings,
  type ActiveRule,
  type Finding,
  type Framework,
  type KubeVersion,
  type LintResult,
  type ResourceSeen,
  type SkippedInput,
} from '@kubecomply/core';
import type { Shard } from './args.js';

/** What `kubecomply merge` needs besides the JSON report, under its `shard` key. */
export interface ShardData {
  index: number;
  count: number;
  rules: ActiveRule[];
  frameworks: Framework[];
  kubeVersion: KubeVersion;
  targeted?: Readonly<Record<string, readonly number[]>>;
}

/** The JSON report's pieces with a `shard` key added last, so the rest of the report keeps its documented shape. */
export function* withShardData(chunks: Iterable<string>, shard: Shard, result: LintResult): Generator<string> {
  const data: ShardData = {
    index: shard.index,
    count: shard.count,
    rules: result.rules,
    frameworks: result.frameworks,
    kubeVersion: result.kubeVersion,
    ...(result.targeted ? { targeted: result.targeted } : {}),
  };
  // The report ends with its last list's closing line, then "}\n": hold both back.
  let before: string | undefined;
  let last: string | undefined;
  for (const chunk of chunks) {
    if (before !== undefined) yield before;
    before = last;
    last = chunk;
  }
  if (last !== '}\n' || before === undefined) throw new Error('the JSON report does not end as expected');
  yield before.replace(/\n$/, ',\n');
  yield `  "shard": ${JSON.stringify(data)}\n}\n`;
}

interface ShardReport {
  findings: Omit<Finding, 'controls' | 'remediation'>[];
  resources: ResourceSeen[];
  skipped: SkippedInput[];
  files: string[];
  shard: ShardData;
}

function isShardReport(value: unknown): value is ShardReport {
  const v = value as Partial<ShardReport> | null;
  const s = v?.shard;
  return (
    v !== null &&
    typeof v === 'object' &&
    Array.isArray(v.findings) &&
    Array.isArray(v.resources) &&
    Array.isArray(v.skipped) &&
    Array.isArray(v.files) &&
    s !== null &&
    typeof s === 'object' &&
    Number.isInteger(s?.index) &&
    Number.isInteger(s?.count) &&
    Array.isArray(s?.rules) &&
    Array.isArray(s?.frameworks)
  );
}

/**
 * The result of the unsharded run, rebuilt from the JSON reports of all its
 * shards: every shard read every file, so they agree on the files, rules
 * and frameworks; each one holds the findings, resources and skipped
 * documents of its own files, which are put back in the order of the files.
 */
export function mergeShards(reports: readonly { name: string; text: string }[]): LintResult {
  const parsed = reports.map(({ name, text }) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new ConfigurationError(`${name} is not a JSON report: ${(err as Error).message}.`);
    }
    if (!isShardReport(value)) throw new ConfigurationError(`${name} is not the JSON report of a shard (written with --shard i/n -f json).`);
    return { name, report: value };
  });
  const first = parsed[0] as (typeof parsed)[number];
  const count = first.report.shard.count;
  const byIndex = new Map<number, string>();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const { name, report } of parsed) {
    const s = report.shard;
    if (s.count !== count) throw new ConfigurationError(`${name} is shard ${s.index}/${s.count}, but ${first.name} is one of ${count}.`);
    const other = byIndex.get(s.index);
    if (other !== undefined) throw new ConfigurationError(`${name} and ${other} are both shard ${s.index}/${count}.`);
    byIndex.set(s.index, name);
    if (
      !same(report.files, first.report.files) ||
      !same(s.rules, first.report.shard.rules) ||
      !same(s.frameworks, first.report.shard.frameworks) ||
      !same(s.kubeVersion, first.report.shard.kubeVersion)
    ) {
      throw new ConfigurationError(
        `${name} and ${first.name} come from different runs (their files, rules or frameworks differ); shard the same command over the same checkout.`,
      );
    }
  }
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (absent.length > 0)
    throw new ConfigurationError(
      `Shard${absent.length > 1 ? 's' : ''} ${absent.map((i) => `${i}/${count}`).join(', ')} missing: merge needs every shard's report.`,
    );

  const { rules, frameworks, kubeVersion } = first.report.shard;
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const fileOrder = new Map(first.report.files.map((f, i) => [f, i]));
  const order = (file: string) => fileOrder.get(file) ?? Number.MAX_SAFE_INTEGER;
  const shards = [...parsed].sort((a, b) => a.report.shard.index - b.report.shard.index);

  const findings: Finding[] = [];
  const resources: { item: ResourceSeen; shard: number; local: number }[] = [];
  const skipped: SkippedInput[] = [];
  for (const [n, { report }] of shards.entries()) {
    for (const f of report.findings) {
      const rule = ruleById.get(f.ruleId);
      findings.push({ ...f, controls: rule?.controls ?? [], remediation: rule?.remediation ?? '' });
    }
    report.resources.forEach((item, local) => resources.push({ item, shard: n, local }));
    skipped.push(...report.skipped);
  }
  findings.sort(compareFindings);
  // Each file's entries come from one shard, in reading order: a stable sort by file restores the run's order.
  resources.sort((a, b) => order(a.item.file) - order(b.item.file));
  skipped.sort((a, b) => order(a.file) - order(b.file));

  const result: LintResult = { findings, files: first.report.files, resources: resources.map((r) => r.item), skipped, rules, frameworks, kubeVersion };
  if (first.report.shard.targeted) {
    const global = new Map<string, number>();
    resources.forEach((r, i) => global.set(`${r.shard}:${r.local}`, i));
    const targeted: Record<string, number[]> = {};
    for (const [n, { report }] of shards.entries()) {
      for (const [rule, indexes] of Object.entries(report.shard.targeted ?? {})) {
        const list = (targeted[rule] ??= []);
        for (const i of indexes) list.push(global.get(`${n}:${i}`) as number);
      }
    }
    for (const list of Object.values(targeted)) list.sort((a, b) => a - b);
    result.targeted = targeted;
  }
  return result;
}
