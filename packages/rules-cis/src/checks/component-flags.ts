import { type ContainerRef, type JsonPath, type Resource, type RuleContext, type SetContext, isJsonObject } from '@kubecomply/core';

/**
 * Reads the command line of Kubernetes components run as containers (static
 * Pods as kubeadm writes them, or any workload): which component a container
 * runs and the flags it passes, each with the JSON path of the list item that
 * holds it, so a finding points at the flag itself.
 *
 * The component is known from the executable, never from the Pod's name or
 * labels: `kube-apiserver`, `/usr/local/bin/kube-apiserver`, `hyperkube
 * apiserver`, `go-runner ... /usr/local/bin/kube-apiserver` and a
 * `sh -c "exec kube-apiserver ..."` script are all the API server.
 */

export type Component = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet' | 'kube-proxy';

const EXECUTABLES: Readonly<Record<string, Component>> = {
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
};

/** `hyperkube <subcommand>`, as in Kubernetes releases before 1.19. */
const HYPERKUBE: Readonly<Record<string, Component>> = {
  ...EXECUTABLES,
  apiserver: 'kube-apiserver',
  'controller-manager': 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  proxy: 'kube-proxy',
};

/** Programs that start the real executable after their own options (the official images use go-runner). */
const WRAPPERS: ReadonlySet<string> = new Set(['go-runner', 'tini', 'dumb-init', 'env', 'exec']);
const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/**
 * Boolean flags do not take the next list item as their value (pflag and Go's
 * flag package both read a bare `--flag` as true), so `--profiling` followed
 * by `false` in the next item is still true. Only the booleans a rule reads,
 * or that commonly appear bare, need to be listed.
 */
const BOOLEAN_FLAGS: Readonly<Record<Component, ReadonlySet<string>>> = {
  'kube-apiserver': new Set([
    'anonymous-auth',
    'profiling',
    'contention-profiling',
    'service-account-lookup',
    'service-account-extend-token-expiration',
    'enable-bootstrap-token-auth',
    'allow-privileged',
    'enable-aggregator-routing',
    'enable-priority-and-fairness',
    'kubelet-https',
    'enable-garbage-collector',
    'logtostderr',
    'alsologtostderr',
    'strict-transport-security-directives',
  ]),
  'kube-controller-manager': new Set([
    'profiling',
    'contention-profiling',
    'use-service-account-credentials',
    'leader-elect',
    'allocate-node-cidrs',
    'configure-cloud-routes',
    'enable-garbage-collector',
    'enable-hostpath-provisioner',
    'logtostderr',
    'alsologtostderr',
  ]),
  'kube-scheduler': new Set(['profiling', 'contention-profiling', 'leader-elect', 'logtostderr', 'alsologtostderr']),
  etcd: new Set([
    'client-cert-auth',
    'peer-client-cert-auth',
    'auto-tls',
    'peer-auto-tls',
    'enable-v2',
    'enable-pprof',
    'debug',
    'strict-reconfig-check',
    'force-new-cluster',
    'experimental-initial-corrupt-check',
    'logtostderr',
  ]),
  kubelet: new Set([
    'anonymous-auth',
    'make-iptables-util-chains',
    'rotate-certificates',
    'rotate-server-certificates',
    'seccomp-default',
    'protect-kernel-defaults',
    'register-node',
    'fail-swap-on',
    'enable-server',
    'enable-debugging-handlers',
    'serialize-image-pulls',
    'cgroups-per-qos',
    'logtostderr',
    'alsologtostderr',
  ]),
  'kube-proxy': new Set(['masquerade-all', 'profiling', 'cleanup', 'logtostderr', 'alsologtostderr']),
};

/**
 * The flag that names a configuration file, per component. What a missing
 * flag means then depends on the component: see `setting()`.
 */
const CONFIG_FILE_FLAG: Readonly<Partial<Record<Component, string>>> = {
  etcd: 'config-file',
  kubelet: 'config',
  'kube-proxy': 'config',
  'kube-scheduler': 'config',
};

/**
 * kube-scheduler flags that its help text says are ignored when `--config`
 * is given; the configuration file (KubeSchedulerConfiguration) decides them.
 */
const SCHEDULER_FLAGS_IGNORED_WITH_CONFIG: ReadonlySet<string> = new Set(['profiling', 'contention-profiling']);

/** One flag as written: `--name=value`, `--name value` (two items) or a bare `--name`. */
export interface FlagRef {
  name: string;
  /** The value as written; 'true' for a bare flag; undefined when it comes from an env var we cannot read. */
  value: string | undefined;
  /** The list item (or env var value) that holds the flag. */
  path: JsonPath;
  /** How the flag was written, for messages: `--name=value`, `--name value`, `--name` or `ETCD_NAME`. */
  text: string;
}

/** What a component's setting is, as far as the manifest shows. */
export type Setting =
  | { state: 'set'; flag: FlagRef }
  /** Not written anywhere: the component's default applies. */
  | { state: 'unset' }
  /** Decided elsewhere (a configuration file, an env var read from a Secret): the manifest cannot tell. */
  | { state: 'unknown'; reason: string };

interface Token {
  text: string;
  path: JsonPath;
}

/** A container that runs a control-plane or node component, with its parsed command line. */
export interface Invocation {
  component: Component;
  container: ContainerRef;
  flags: readonly FlagRef[];
  /**
   * Where a flag that is not written would go: the end of `args` when the
   * flags live there, else the end of `command` (or the shell script item).
   * The list exists, so a finding about a missing flag lands on it.
   */
  missingPath: JsonPath;
  /** The configuration file flag (`--config`, `--config-file`), when given. */
  configFile: FlagRef | undefined;
}

/** The program a word names (`/usr/local/bin/kube-apiserver` -> `kube-apiserver`); '' for a flag or an assignment. */
function basename(word: string): string {
  if (word.startsWith('-') || word.includes('=')) return '';
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

function listTokens(container: ContainerRef, field: 'command' | 'args'): Token[] {
  const list: unknown = (container.value as unknown as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return [];
  const out: Token[] = [];
  list.forEach((item: unknown, index) => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
      out.push({ text: String(item), path: [...container.path, field, index] });
    }
  });
  return out;
}

/** Splits a shell script into words, honouring quotes and line continuations; enough for `exec kube-apiserver --a=b ...`. */
function shellWords(script: string, path: JsonPath): Token[] {
  const text = script.replace(/\\\r?\n/g, ' ');
  const out: Token[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|\\(.)|(\S)/g;
  let word: string | undefined;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (word !== undefined && /\s/.test(text.slice(last, m.index))) {
      out.push({ text: word, path });
      word = undefined;
    }
    const piece = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? m[4] ?? '');
    word = (word ?? '') + piece;
    last = m.index + m[0].length;
  }
  if (word !== undefined) out.push({ text: word, path });
  return out;
}

/** Shell syntax after which the executable's arguments end. */
function endsArguments(word: string): boolean {
  return /^(?:\d*[<>]|[;&|]|&&|\|\|)/.test(word);
}

/** The component a token list starts, and the index of its first argument. */
function findExecutable(tokens: readonly Token[]): { component: Component; start: number } | undefined {
  let i = 0;
  while (i < tokens.length) {
    const base = basename((tokens[i] as Token).text);
    if (WRAPPERS.has(base)) {
      i++;
      while (i < tokens.length && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test((tokens[i] as Token).text)) i++;
      continue;
    }
    if (base === 'hyperkube') {
      const sub = tokens[i + 1];
      const component = sub ? HYPERKUBE[basename(sub.text)] : undefined;
      return component ? { component, start: i + 2 } : undefined;
    }
    const component = EXECUTABLES[base];
    return component ? { component, start: i + 1 } : undefined;
  }
  return undefined;
}

const FLAG = /^(--?)([A-Za-z0-9][A-Za-z0-9_.-]*)(?:=([\s\S]*))?$/;

function parseFlags(component: Component, tokens: readonly Token[], start: number): FlagRef[] {
  const flags: FlagRef[] = [];
  const booleans = BOOLEAN_FLAGS[component];
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === '--' || endsArguments(token.text)) break;
    const m = FLAG.exec(token.text);
    if (!m) continue;
    // Kubernetes components use single dashes only for shorthands such as -v; etcd's Go flags take either.
    if (m[1] === '-' && component !== 'etcd') continue;
    const name = m[2] as string;
    if (m[3] !== undefined) {
      flags.push({ name, value: m[3], path: token.path, text: token.text });
      continue;
    }
    const next = tokens[i + 1];
    if (!booleans.has(name) && next && !next.text.startsWith('-') && !endsArguments(next.text)) {
      flags.push({ name, value: next.text, path: token.path, text: `${token.text} ${next.text}` });
      i++;
      continue;
    }
    flags.push({ name, value: 'true', path: token.path, text: token.text });
  }
  return flags;
}

// Every flag rule asks for the same containers' command lines: parse each once,
// or a container with a few hundred thousand args costs seconds per rule. The
// key is the container object itself, which stays the same for every rule even
// when each rule is handed a fresh ContainerRef for it, then its path: a YAML
// alias can put one object at two paths, and the paths are in the result.
const parsed = new WeakMap<object, Map<string, Invocation | null>>();

/** Parses one container's command line; undefined when it does not run a known component. */
export function invocationOf(container: ContainerRef): Invocation | undefined {
  const key = container.value as object;
  let byPath = parsed.get(key);
  if (!byPath) parsed.set(key, (byPath = new Map()));
  const at = JSON.stringify(container.path);
  const known = byPath.get(at);
  if (known !== undefined) return known ?? undefined;
  const invocation = parseInvocation(container);
  byPath.set(at, invocation ?? null);
  return invocation;
}

/** The first word of the command line, without reading the rest of a list that may be huge. */
function firstWord(container: ContainerRef): string | undefined {
  const fields = container.value as unknown as Record<string, unknown>;
  for (const field of ['command', 'args']) {
    const list = fields[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
    }
  }
  return undefined;
}

function mayRunComponent(word: string | undefined): boolean {
  if (word === undefined) return false;
  const base = basename(word);
  return Object.hasOwn(EXECUTABLES, base) || base === 'hyperkube' || WRAPPERS.has(base) || SHELLS.has(base);
}

function parseInvocation(container: ContainerRef): Invocation | undefined {
  // Most containers run something else: decide that from the first word alone.
  if (!mayRunComponent(firstWord(container))) return undefined;
  const command = listTokens(container, 'command');
  const args = listTokens(container, 'args');
  let tokens = [...command, ...args];
  let script: Token | undefined;
  const first = tokens[0];
  if (first && SHELLS.has(basename(first.text))) {
    const dashC = tokens.findIndex((t, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(t.text));
    script = dashC === -1 ? undefined : tokens[dashC + 1];
    if (!script) return undefined;
    // The script may prepare things first (`mkdir -p /var/lib/etcd && exec kube-apiserver ...`): try each
    // word in command position, so that an argument such as /var/lib/etcd is not taken for a program.
    const words = shellWords(script.text, script.path);
    for (let i = 0; i < words.length; i++) {
      const previous = i === 0 ? ';' : (words[i - 1] as Token).text;
      if (!/^(?:&&|\|\||\||;|then|do|else)$/.test(previous) && !previous.endsWith(';')) continue;
      if (findExecutable(words.slice(i))) {
        tokens = words.slice(i);
        break;
      }
      tokens = [];
    }
  }
  const found = findExecutable(tokens);
  if (!found) return undefined;
  const flags = parseFlags(found.component, tokens, found.start);
  // In a shell script every word shares the script's item: a missing flag would be added there.
  const missingPath = script ? script.path : missingFlagPath(container);
  const configFlag = CONFIG_FILE_FLAG[found.component];
  const configFile = configFlag ? lastFlag(flags, configFlag) : undefined;
  return { component: found.component, container, flags, missingPath, configFile };
}

function missingFlagPath(container: ContainerRef): JsonPath {
  const fields = container.value as unknown as Record<string, unknown>;
  const args = fields['args'];
  if (Array.isArray(args) && args.length > 0) return [...container.path, 'args', args.length];
  const command = fields['command'];
  return [...container.path, 'command', Array.isArray(command) ? command.length : 0];
}

/** The last occurrence of a flag on the command line, which is the one a scalar flag keeps. */
export function lastFlag(flags: readonly FlagRef[], name: string): FlagRef | undefined {
  for (let i = flags.length - 1; i >= 0; i--) if ((flags[i] as FlagRef).name === name) return flags[i];
  return undefined;
}

/** etcd reads every flag also from an `ETCD_<NAME>` env var; a flag on the command line wins. */
function etcdEnv(invocation: Invocation, name: string): FlagRef | undefined {
  const env: unknown = (invocation.container.value as unknown as Record<string, unknown>)['env'];
  if (!Array.isArray(env)) return undefined;
  const wanted = `ETCD_${name.toUpperCase().replace(/-/g, '_')}`;
  for (let i = env.length - 1; i >= 0; i--) {
    const entry: unknown = env[i];
    if (!isJsonObject(entry) || entry['name'] !== wanted) continue;
    const base = [...invocation.container.path, 'env', i];
    const value = entry['value'];
    if (value === undefined && entry['valueFrom'] !== undefined) return { name, value: undefined, path: base, text: wanted };
    return { name, value: value === undefined || value === null ? '' : String(value), path: [...base, 'value'], text: `${wanted}=${String(value ?? '')}` };
  }
  return undefined;
}

/**
 * The value a setting takes, following each component's rules:
 * - a flag written more than once takes its last value (pflag);
 * - etcd falls back to its `ETCD_*` env vars, and ignores both flags and env
 *   vars when `--config-file` is given;
 * - the kubelet's flags override its `--config` file, so only a flag that is
 *   not written is unknown;
 * - kube-proxy's flag/`--config` precedence has changed between releases, so
 *   with `--config` nothing is judged from flags;
 * - kube-scheduler ignores its deprecated flags (`--profiling`) when
 *   `--config` is given.
 */
export function setting(invocation: Invocation, name: string): Setting {
  const config = invocation.configFile;
  if (config) {
    const why = `it reads its settings from ${config.text}`;
    if (invocation.component === 'etcd' || invocation.component === 'kube-proxy') return { state: 'unknown', reason: why };
    if (invocation.component === 'kube-scheduler' && SCHEDULER_FLAGS_IGNORED_WITH_CONFIG.has(name)) return { state: 'unknown', reason: why };
  }
  const flag = lastFlag(invocation.flags, name) ?? (invocation.component === 'etcd' ? etcdEnv(invocation, name) : undefined);
  if (flag) {
    if (flag.value === undefined) return { state: 'unknown', reason: `${flag.text} is read from another object` };
    return { state: 'set', flag };
  }
  if (config && invocation.component === 'kubelet') return { state: 'unknown', reason: `it reads its settings from ${config.text}` };
  return { state: 'unset' };
}

/** Every occurrence of a list flag (`--enable-admission-plugins`): pflag appends repeated string-slice flags. */
export function listSetting(invocation: Invocation, name: string): { item: string; flag: FlagRef }[] | undefined {
  const occurrences = invocation.flags.filter((f) => f.name === name);
  if (occurrences.length === 0) {
    const single = setting(invocation, name);
    if (single.state !== 'set') return undefined;
    occurrences.push(single.flag);
  }
  return occurrences.flatMap((flag) =>
    (flag.value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => ({ item, flag })),
  );
}

/** strconv.ParseBool, which pflag and Go's flag package use. */
export function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** `--feature-gates=A=true,B=false`: the value of one gate, when the flag names it. */
export function featureGate(invocation: Invocation, gate: string): { enabled: boolean | undefined; flag: FlagRef } | undefined {
  let found: { enabled: boolean | undefined; flag: FlagRef } | undefined;
  for (const { item, flag } of listSetting(invocation, 'feature-gates') ?? []) {
    const eq = item.indexOf('=');
    if (eq === -1 || item.slice(0, eq).trim() !== gate) continue;
    found = { enabled: parseBool(item.slice(eq + 1).trim()), flag };
  }
  return found;
}

// Some sixty rules ask each workload which components it runs; the answer
// is worked out once per resource (most run none, and then it is empty).
const byResource = new WeakMap<Resource, Invocation[]>();

/** Every container of a workload that runs the given component. */
export function invocations(resource: Resource, ctx: Pick<RuleContext | SetContext, 'containers'>, component: Component): Invocation[] {
  let all = byResource.get(resource);
  if (!all) {
    all = [];
    for (const container of ctx.containers(resource)) {
      if (container.kind !== 'container') continue;
      const invocation = invocationOf(container);
      if (invocation) all.push(invocation);
    }
    byResource.set(resource, all);
  }
  return all.length === 0 ? all : all.filter((invocation) => invocation.component === component);
}

/** 'kube-apiserver' or, when the container has another name, 'kube-apiserver (container "api")'. */
export function subjectOf(invocation: Invocation): string {
  const name = String(invocation.container.value.name ?? '');
  return name === '' || name === invocation.component ? invocation.component : `${invocation.component} (container "${name}")`;
}
