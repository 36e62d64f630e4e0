import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigurationError,
  FORMATTERS,
  GITHUB_ANNOTATIONS_PER_TYPE,
  complianceReport,
  escapeMarkdown,
  failsAt,
  formatScore,
  githubAnnotation,
  lint,
  relocateResult,
  repositoryRoot,
  sarifOmittedMessage,
  scoreShortfalls,
  type Finding,
  type LintOutcome,
  type LintRequest,
} from '@kubecomply/core';
import { UsageError } from '../command-line/args.js';
import { lintChangedSince } from '../commands/diff.js';
import { BUILTIN_PLUGINS } from '../command-line/plugins.js';
import { TOOL } from '../command-line/version.js';
import { parseMinScores, reportFormatOptions } from '../commands/report.js';
import { Git } from './git.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { loadPolicyFiles, type PolicyFiles } from './policy-files.js';
import { errorCommand, logLine, outputName, writeOutputs, writeSummary } from './workflow.js';

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The step's log (standard output), where workflow commands are read. */
  log(text: string): void;
}

interface PullRequest {
  base: string;
  head: string | undefined;
}

/** The pull request's base and head commits from the event payload, when the event is about one. */
function pullRequestOf(env: NodeJS.ProcessEnv): PullRequest | undefined {
  const file = env['GITHUB_EVENT_PATH'];
  if (!file) return undefined;
  let payload: { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } };
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigurationError(`Cannot read the event payload GITHUB_EVENT_PATH=${file}: ${(err as Error).message}.`);
  }
  const base = payload.pull_request?.base?.sha;
  if (typeof base !== 'string' || !/^[0-9a-f]{40,64}$/.test(base)) return undefined;
  const head = payload.pull_request?.head?.sha;
  return { base, head: typeof head === 'string' && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined };
}

/**
 * The commit the pull request's changes are measured from: on GitHub's test
 * merge commit, its first parent (the base as merged against, which may be
 * newer than the event's base.sha); on a checkout of the head, the merge base.
 */
function diffBase(git: Git, pr: PullRequest): string | undefined {
  const parents = git.parents('HEAD');
  if (parents.length === 2 && pr.head !== undefined && parents[1] === pr.head) return parents[0];
  return git.mergeBase(pr.base, 'HEAD') ?? pr.base;
}

/**
 * The annotations to print: per type (error, warning, notice) at most the
 * number GitHub attaches to a step, findings on the pull request's changed
 * lines first; and how many of each type were left out.
 */
export function chooseAnnotations(
  open: readonly Finding[],
  changed: ReadonlyMap<string, ReadonlySet<number>> | undefined,
): { chosen: Finding[]; leftOut: number } {
  const chosen: Finding[] = [];
  let leftOut = 0;
  const onChanged = (f: Finding) => {
    const lines = changed?.get(f.file);
    if (!lines) return false;
    for (let n = f.range.start.line; n <= f.range.end.line; n++) if (lines.has(n)) return true;
    return false;
  };
  for (const severity of ['error', 'warning', 'info'] as const) {
    const mine = open.filter((f) => f.severity === severity && !f.file.startsWith('<'));
    const first = mine.filter(onChanged);
    const rest = mine.filter((f) => !onChanged(f));
    const ordered = [...first, ...rest];
    chosen.push(...ordered.slice(0, GITHUB_ANNOTATIONS_PER_TYPE));
    leftOut += Math.max(0, ordered.length - GITHUB_ANNOTATIONS_PER_TYPE);
  }
  return { chosen, leftOut };
}

/** Text from the repository as inline code in a table cell: no backtick to close it, no pipe to split the row, on one line. */
function code(text: string): string {
  return `\`${text
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')}\``;
}

interface Verdict {
  failed: boolean;
  reasons: string[];
}

function summaryOf(verdict: Verdict, policy: PolicyFiles, inputs: ActionInputs, notes: string[], report: string, base: string | undefined): string {
  const out: string[] = [];
  out.push(`## kubecomply: ${verdict.failed ? '❌ failed' : '✅ passed'}`, '');
  for (const r of verdict.reasons) out.push(`- ${r}`);
  if (verdict.reasons.length > 0) out.push('');
  if (base !== undefined) {
    const source = policy.commit
      ? `Config, baseline and catalogs were read from the pull request's base commit ${code(policy.commit.slice(0, 12))} (git), not from the pull request.`
      : `Config, baseline and catalogs were read from the pull request itself (use-head-config: true).`;
    out.push(source, '');
    if (policy.changes.length > 0) {
      out.push(
        '> [!WARNING]',
        `> This pull request changes ${policy.changes.length === 1 ? 'a policy file' : `${policy.changes.length} policy files`}${policy.commit ? '; the changes take effect only once merged' : ' and the changes apply to this run'}:`,
        '',
        '| File | What | Change |',
        '|:--|:--|:--|',
        ...policy.changes.map((c) => `| ${code(c.file)} | ${c.kind} | ${c.change} |`),
        '',
      );
    }
  }
  for (const n of [...policy.notes, ...notes]) out.push(`> [!NOTE]`, `> ${escapeMarkdown(n)}`, '');
  if (!inputs.annotations) out.push('Annotations are off (input annotations: off).', '');
  out.push(report);
  return out.join('\n');
}

/** Runs the Action; resolves to the exit code (0 pass, 1 the gate failed, 2 the run could not be made). */
export async function runAction(io: ActionIo): Promise<number> {
  const outputs: Record<string, string> = {};
  try {
    return await lintForAction(io, outputs);
  } catch (err) {
    const message = err instanceof ConfigurationError || err instanceof UsageError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
    io.log(errorCommand(`kubecomply: ${message}`));
    writeSummary(io.env['GITHUB_STEP_SUMMARY'], `## kubecomply: ⚠️ could not run\n\n${message.split('\n').map(escapeMarkdown).join('<br>\n')}\n`);
    return 2;
  } finally {
    writeOutputs(io.env['GITHUB_OUTPUT'], outputs);
  }
}

async function lintForAction(io: ActionIo, outputs: Record<string, string>): Promise<number> {
  const { env } = io;
  const cwd = realpathSync(io.cwd);
  const inputs = readInputs(env);
  const git = new Git(cwd);
  const top = git.topLevel();
  const pr = pullRequestOf(env);
  if (pr && !top) throw new ConfigurationError('This pull request run has no git checkout: check out the repository (actions/checkout) before this step.');
  const root = top ? realpathSync(top) : repositoryRoot(cwd, env);

  let base: string | undefined;
  let from: string | undefined;
  let changed: Map<string, Set<number>> | undefined;
  const notes: string[] = [];
  if (pr && top) {
    if (!git.commit(pr.base)) git.tryFetch(pr.base);
    base = git.commit(pr.base);
    if (!base) {
      throw new ConfigurationError(
        `The pull request's base commit ${pr.base.slice(0, 12)} is not in this clone, so its config cannot be read; check out with fetch-depth: 0.`,
      );
    }
    from = diffBase(git, pr);
    if (from) changed = git.changedLines(from);
  }

  const policy = await loadPolicyFiles({
    config: inputs.config,
    baseline: inputs.baseline,
    catalogs: inputs.catalogs,
    cwd,
    root,
    git: top ? git : undefined,
    base,
    fromHead: inputs.useHeadConfig,
    plugins: BUILTIN_PLUGINS,
  });
  try {
    return finish(io, outputs, { inputs, cwd, root, policy, base, from, changed, notes });
  } finally {
    policy.cleanup();
  }
}

interface ActionRun {
  inputs: ActionInputs;
  cwd: string;
  root: string;
  policy: PolicyFiles;
  /** The pull request's base commit, when the event is one. */
  base: string | undefined;
  /** The commit the pull request's changes are measured from. */
  from: string | undefined;
  changed: Map<string, Set<number>> | undefined;
  notes: string[];
}

function finish(io: ActionIo, outputs: Record<string, string>, run: ActionRun): number {
  const { env } = io;
  const { inputs, cwd, root, policy, base, from, changed, notes } = run;
  const request: LintRequest = {
    plugins: [...BUILTIN_PLUGINS, ...policy.plugins, ...policy.catalogs],
    paths: inputs.paths,
    cwd,
    config: policy.config,
    frameworks: inputs.frameworks,
    ...(inputs.kubeVersion !== undefined ? { kubeVersion: inputs.kubeVersion } : {}),
    ...(inputs.failOn !== undefined ? { failOn: inputs.failOn } : {}),
    ...(policy.baseline ? { baseline: policy.baseline.baseline, baselineName: `in baseline ${policy.baseline.display}` } : {}),
  };
  // only-changed: diff mode, as `kubecomply --changed-since <the pull request's base>`.
  let result: LintOutcome;
  if (inputs.onlyChanged && from !== undefined) {
    result = lintChangedSince(request, from, { paths: inputs.paths }, { cwd });
    notes.push(
      `only-changed: only the findings this pull request brings are reported, as kubecomply --changed-since reports them: those in the files it adds or changes that ${from.slice(0, 12)} did not have. ` +
        'Every file under the paths was linted both times, so rules that look across resources (RBAC, NetworkPolicy, Services) saw them all.',
    );
  } else {
    if (inputs.onlyChanged) notes.push('only-changed applies to pull requests; this run is not one, so every file was linted.');
    result = lint(request);
  }
  // A path that names nothing is a finding; a glob that matches nothing, or an ignore list that leaves out every file, a note.
  for (const glob of result.missing) notes.push(`No files match ${JSON.stringify(glob)}.`);
  for (const warning of result.warnings) notes.push(`Warning: ${warning}.`);

  // The minimum scores: the input wins for its framework, the config's minScore gives the rest.
  const applied = new Set(result.frameworks.map((f) => f.id));
  let fromInput: Record<string, number>;
  try {
    fromInput = parseMinScores(inputs.minScores);
  } catch (err) {
    throw new ConfigurationError(`Input min-score: ${(err as Error).message.replace(/^--min-score /, '')}`);
  }
  for (const id of Object.keys(fromInput)) {
    if (!applied.has(id))
      throw new ConfigurationError(`Input min-score names framework "${id}", which this run does not apply. Frameworks: ${[...applied].sort().join(', ')}.`);
  }
  const minimums = { ...Object.fromEntries(Object.entries(result.config?.config.minScore ?? {}).filter(([id]) => applied.has(id))), ...fromInput };

  // Reports name files from the repository root, whatever the working directory.
  const shown = relocateResult(result, cwd, root);
  const failOn = result.failOn;
  const open = shown.findings.filter((f) => !f.suppression);
  const failing = shown.findings.filter((f) => failsAt(f, failOn)).length;
  const compliance = complianceReport(shown);
  const shortfalls = scoreShortfalls(compliance, minimums);
  const verdict: Verdict = { failed: failing > 0 || shortfalls.length > 0, reasons: [] };
  if (failing > 0) verdict.reasons.push(`${failing} open finding${failing === 1 ? '' : 's'} at or above ${code(failOn)}.`);
  for (const s of shortfalls)
    verdict.reasons.push(`${code(s.framework)} ${s.score === null ? 'has no score' : `scores ${formatScore(s.score)}`}, below the minimum ${s.minimum}.`);

  // Annotations, within the per-step limit.
  let leftOut = 0;
  if (inputs.annotations) {
    const picked = chooseAnnotations(open, changed);
    leftOut = picked.leftOut;
    io.log(picked.chosen.map((f) => `${githubAnnotation(f)}\n`).join(''));
    if (leftOut > 0) {
      notes.push(
        `${leftOut} finding${leftOut === 1 ? ' was' : 's were'} not annotated: GitHub attaches at most ${GITHUB_ANNOTATIONS_PER_TYPE} annotations of each type to a step` +
          `${changed ? ', and those on lines this pull request changes came first' : ''}. The SARIF file and the report below list them.`,
      );
    }
  }

  // SARIF for github/codeql-action/upload-sarif.
  const sarifFile = path.resolve(cwd, inputs.sarifFile ?? path.join(env['RUNNER_TEMP'] || os.tmpdir(), 'kubecomply.sarif'));
  const formatOptions = { color: false, tool: TOOL, ...reportFormatOptions(root, env) };
  mkdirSync(path.dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, FORMATTERS['sarif']!(shown, formatOptions));
  const omitted = sarifOmittedMessage(shown.findings.length);
  if (omitted) notes.push(omitted);

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of open) counts[f.severity]++;
  outputs['error-count'] = String(counts.error);
  outputs['warning-count'] = String(counts.warning);
  outputs['info-count'] = String(counts.info);
  outputs['suppressed-count'] = String(shown.findings.length - open.length);
  const scores = Object.fromEntries(compliance.frameworks.map((fw) => [fw.id, fw.score === null ? null : Number(formatScore(fw.score))]));
  outputs['scores'] = JSON.stringify(scores);
  for (const [id, score] of Object.entries(scores)) outputs[outputName(`score-${id}`)] = score === null ? '' : String(score);
  outputs['sarif-file'] = sarifFile;
  outputs['annotations-left-out'] = String(leftOut);
  outputs['result'] = verdict.failed ? 'fail' : 'pass';

  const report = FORMATTERS['markdown']!(shown, formatOptions);
  writeSummary(env['GITHUB_STEP_SUMMARY'], summaryOf(verdict, policy, inputs, notes, report, base));
  io.log(
    logLine(
      `kubecomply: ${verdict.failed ? 'failed' : 'passed'}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info in ${shown.files.length} files` +
        `${policy.commit ? `; policy from base ${policy.commit.slice(0, 12)}` : ''}${policy.changes.length > 0 ? `; this pull request changes ${policy.changes.map((c) => c.file).join(', ')}${policy.commit ? ' (not applied)' : ''}` : ''}.`,
    ),
  );
  return verdict.failed ? 1 : 0;
}
