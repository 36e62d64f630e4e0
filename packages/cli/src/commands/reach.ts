import {
  lint,
  ReachCollector,
  reachMarkdown,
  reachSvg,
  reachText,
  type ReachReport,
  type ReachSelection,
  type ResourceSet,
  type Settings,
  type WorkloadSummary,
} from '@kubecomply/core';
import { scopeOfSet } from '@kubecomply/rules-pci';
import { UsageError, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';
import { writeOutput } from '../command-line/output.js';
import { BUILTIN_PLUGINS } from '../command-line/plugins.js';

/**
 * `kubecomply reach`: who may connect to the selected workloads and whom
 * they may connect to, with the rule (file and line) that allows each end,
 * as a terminal table, Markdown, JSON or the SVG picture the HTML report
 * embeds. The selection is --cde (the PCI DSS scope), --namespace and
 * --selector (pod labels), ANDed; without any, every workload.
 */

const FORMATS = ['stylish', 'markdown', 'json', 'svg'] as const;

type Labels = Readonly<Record<string, string>>;

/** `app=web,tier!=db,has-key,!gone` as a predicate on pod labels. */
export function parseLabelSelector(text: string): (labels: Labels) => boolean {
  const terms = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (terms.length === 0) throw new UsageError('--selector is empty.');
  const tests = terms.map((term) => {
    const m = /^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === '!=' ? (l: Labels) => l[key] !== value : (l: Labels) => l[key] === value;
    }
    const exists = /^(!?)([A-Za-z0-9_./-]+)$/.exec(term);
    if (exists) {
      const [, not, key] = exists as unknown as [string, string, string];
      return not ? (l: Labels) => !Object.hasOwn(l, key) : (l: Labels) => Object.hasOwn(l, key);
    }
    throw new UsageError(`--selector: cannot read "${term}"; write key=value, key!=value, key or !key, separated by commas.`);
  });
  return (labels) => tests.every((t) => t(labels));
}

/** The selection the flags ask for; CDE workloads are always marked. */
export function selectionOf(
  options: { cde: boolean; namespaces: readonly string[]; selector?: string | undefined },
  set: Pick<ResourceSet, 'all'>,
  settings: Settings,
): ReachSelection {
  const scope = scopeOfSet(set, settings);
  const inCde = (w: WorkloadSummary) => scope.workloadReason(w) !== undefined;
  const labels = options.selector !== undefined ? parseLabelSelector(options.selector) : undefined;
  const parts: string[] = [];
  if (options.cde) parts.push('the CDE');
  if (options.namespaces.length > 0) parts.push(`namespace${options.namespaces.length === 1 ? '' : 's'} ${options.namespaces.map((n) => `"${n}"`).join(', ')}`);
  if (options.selector !== undefined) parts.push(`pods labelled ${options.selector}`);
  return {
    description: parts.length > 0 ? parts.join(', ') : 'every workload',
    select: (w) =>
      (!options.cde || inCde(w)) &&
      (options.namespaces.length === 0 || options.namespaces.includes(w.namespace ?? '')) &&
      (!labels || labels(w.podLabels ?? {})),
    mark: inCde,
  };
}

/**
 * Lints the paths with only the reachability collector running (the rule
 * packages are loaded so that the config and its package settings, such as
 * `pci.scope`, are read as for lint); parse problems go to standard error.
 */
export function collectReach(
  args: Pick<CliArgs, 'paths' | 'config' | 'noConfig'>,
  selection: (set: ResourceSet, settings: Settings) => ReachSelection,
  io: Io,
  report: boolean,
): ReachReport | undefined {
  const collector = new ReachCollector(selection);
  const outcome = lint({
    plugins: [...BUILTIN_PLUGINS, collector.plugin],
    rules: [collector.ruleId],
    paths: args.paths,
    cwd: io.cwd,
    config: args.noConfig ? false : args.config,
    readStdin: io.stdin,
  });
  if (outcome.missing.length > 0) throw new UsageError(`No such file, directory or matching files: ${outcome.missing.join(', ')}`);
  if (report) {
    for (const f of outcome.findings) {
      if (f.ruleId === 'parse-error') io.stderr(`kubecomply: ${f.file}:${f.range.start.line}: ${f.message}\n`);
    }
  }
  return collector.report;
}

export function reachCommand(args: CliArgs, io: Io): number {
  if (!(FORMATS as readonly string[]).includes(args.format)) {
    throw new UsageError(`Unknown format "${args.format}" for reach. Formats: ${FORMATS.join(', ')}.`);
  }
  const options = { cde: args.cde, namespaces: args.namespaces, selector: args.selector };
  // Read the selector once before linting, so a bad one is a usage error even for an empty input.
  if (args.selector !== undefined) parseLabelSelector(args.selector);
  const report = collectReach(args, (set, settings) => selectionOf(options, set, settings), io, true);
  if (!report) throw new UsageError('No reachability report was made.');
  const toFile = args.output !== undefined;
  const color = toFile ? false : (args.color ?? io.colorDefault);
  const text =
    args.format === 'markdown'
      ? reachMarkdown(report)
      : args.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : args.format === 'svg'
          ? `${reachSvg(report)}\n`
          : reachText(report, { color });
  writeOutput([text], toFile ? (args.output as string) : undefined, io);
  return 0;
}
