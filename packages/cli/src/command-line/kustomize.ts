import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { YamlDocument, readRegularTextFile } from '@kubecomply/core';
import { UsageError } from './args.js';

// Loaded when used: child_process and os cost milliseconds of every start of the command (docs/performance.md).
const childProcess = (): typeof import('node:child_process') => require('node:child_process');
const os = (): typeof import('node:os') => require('node:os');

/** A path as findings show it: relative to the working directory, '/' separators. */
function displayPath(absolute: string, cwd: string): string {
  return (path.relative(cwd, absolute) || path.basename(absolute)).split(path.sep).join('/');
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Rendered output larger than this is refused rather than held. */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** A reference that kustomize would fetch over the network (a git repository or a URL). */
function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^git@/.test(entry) ||
    /^git::/.test(entry) ||
    entry.includes('?ref=') ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) ||
    (/^[a-z0-9-]+(\.[a-z0-9-]+)+\/[^/]+\/[^/]+/i.test(entry) && !existsSync(entry))
  );
}

/**
 * Refuses a kustomization that would reach the network: every local
 * kustomization it builds on is read, and a remote resource, base or
 * component is named with the file that asks for it.
 */
function checkOffline(dir: string, cwd: string, seen = new Set<string>()): void {
  const real = path.resolve(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const file = KUSTOMIZATION_FILES.map((name) => path.join(real, name)).find((f) => existsSync(f));
  if (!file) return;
  let value: unknown;
  try {
    value = YamlDocument.parse(readRegularTextFile(file), { positions: false }).value;
  } catch {
    return; // kustomize says what is wrong with it
  }
  const k = (value ?? {}) as Record<string, unknown>;
  const entries = ['resources', 'bases', 'components']
    .flatMap((key) => (Array.isArray(k[key]) ? (k[key] as unknown[]) : []))
    .filter((e): e is string => typeof e === 'string');
  for (const entry of entries) {
    if (isRemote(entry)) {
      throw new UsageError(
        `--kustomize: ${displayPath(file, cwd)} loads the remote "${entry}", and kubecomply never uses the network; vendor it into the repository, or lint the output of kustomize build.`,
      );
    }
    const local = path.resolve(real, entry);
    if (statSync(local, { throwIfNoEntry: false })?.isDirectory()) checkOffline(local, cwd, seen);
  }
}

interface Renderer {
  command: string;
  args: (dir: string) => string[];
}

const RENDERERS: readonly Renderer[] = [
  { command: 'kubectl', args: (dir) => ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir] },
  { command: 'kustomize', args: (dir) => ['build', '--load-restrictor', 'LoadRestrictionsNone', dir] },
];

/** An environment in which anything kustomize might fetch fails at once: no proxy reachable, git limited to local files. */
function offlineEnv(): NodeJS.ProcessEnv {
  const nowhere = 'http://127.0.0.1:9';
  return {
    ...process.env,
    HTTP_PROXY: nowhere,
    HTTPS_PROXY: nowhere,
    ALL_PROXY: nowhere,
    http_proxy: nowhere,
    https_proxy: nowhere,
    all_proxy: nowhere,
    NO_PROXY: '',
    no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'file',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/**
 * Renders one overlay. It is built through a kustomization of our own in a
 * temporary folder that names the overlay as its only resource and asks for
 * `buildMetadata: [originAnnotations]`, so every object says which file it
 * came from without touching the user's files; the origin paths are then
 * rewritten relative to the working directory.
 */
function render(dir: string, cwd: string): string {
  const absolute = path.resolve(cwd, dir);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isDirectory() || !KUSTOMIZATION_FILES.some((n) => existsSync(path.join(absolute, n)))) {
    throw new UsageError(`--kustomize ${dir}: no kustomization.yaml there.`);
  }
  checkOffline(absolute, cwd);
  const wrapper = mkdtempSync(path.join(os().tmpdir(), 'kubecomply-kustomize-'));
  try {
    const relative = path.relative(wrapper, absolute).split(path.sep).join('/');
    writeFileSync(path.join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(relative)}\nbuildMetadata: [originAnnotations]\n`);
    for (const renderer of RENDERERS) {
      const r = childProcess().spawnSync(renderer.command, renderer.args(wrapper), { cwd, env: offlineEnv(), maxBuffer: MAX_OUTPUT, encoding: 'utf8' });
      if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
      if (r.error) throw new UsageError(`--kustomize ${dir}: cannot run ${renderer.command}: ${r.error.message}.`);
      if (r.status !== 0) {
        const reason = (r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit status ${r.status}`).replace(/^E\d{4} [\d:.]+\s+\d+ \S+\] /, '');
        throw new UsageError(`--kustomize ${dir}: ${renderer.command} ${renderer.args(dir).join(' ')} failed: ${reason.replaceAll(wrapper, '<kubecomply>')}`);
      }
      return r.stdout.replace(
        /^(\s*config\.kubernetes\.io\/origin: \|\n\s*path: )(.+)$/gm,
        (_, head: string, origin: string) => head + displayPath(path.resolve(wrapper, origin), cwd),
      );
    }
    throw new UsageError(
      '--kustomize needs kubectl (https://kubernetes.io/docs/tasks/tools/) or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) on PATH.',
    );
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

/**
 * `--kustomize <dir>` values rendered, each as a text linted as if read from
 * a file named after the overlay (`deploy/overlays/prod`). Lines are those
 * of the rendered output with origin annotations, which
 * `kubectl kustomize <dir>` prints when the kustomization sets
 * `buildMetadata: [originAnnotations]`.
 */
export function renderKustomizations(dirs: readonly string[], cwd: string): { file: string; text: string }[] {
  const seen = new Set<string>();
  const out: { file: string; text: string }[] = [];
  for (const dir of dirs) {
    const file = displayPath(path.resolve(cwd, dir), cwd);
    if (seen.has(file)) continue;
    seen.add(file);
    out.push({ file, text: render(dir, cwd) });
  }
  return out;
}
