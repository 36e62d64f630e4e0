import { defineRule, isWorkload, WORKLOAD_KINDS, type JsonPath, type Resource, type ResourceRule, type RuleContext, type Severity } from '@kubecomply/core';
import { invocations, lastFlag, listSetting, parseBool, setting, subjectOf, type Component, type Invocation } from './component-flags.js';

/**
 * Rule factories for settings passed as command-line flags to control-plane
 * components. Each CIS recommendation gets its own rule (so a finding counts
 * against exactly one control); the logic they share lives here.
 */

export interface FlagProblem {
  path: JsonPath;
  message: string;
}

interface RuleText {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
}

export interface ComponentRuleOptions extends RuleText {
  component: Component;
  /** Configuration-file kinds the rule also reads (e.g. AuthorizationConfiguration). */
  kinds?: readonly string[];
  evaluate(invocation: Invocation): FlagProblem[];
  /** Checks a resource of one of `kinds`. */
  checkConfig?(resource: Resource, ctx: RuleContext): void;
}

/** A rule over every container that runs `component`, and optionally over configuration files. */
export function componentRule(options: ComponentRuleOptions): ResourceRule {
  const { component, kinds, evaluate, checkConfig } = options;
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    appliesTo: kinds && kinds.length > 0 ? [...WORKLOAD_KINDS, ...kinds] : 'workloads',
    // Only workloads that run the component count as checked, so a compliance
    // report does not pass a control on inputs without that component.
    targets: (resource, ctx) => !isWorkload(resource) || invocations(resource, ctx, component).length > 0,
    check(resource, ctx) {
      if (!isWorkload(resource)) {
        checkConfig?.(resource, ctx);
        return;
      }
      for (const invocation of invocations(resource, ctx, component)) {
        for (const problem of evaluate(invocation)) ctx.report(problem);
      }
    },
  });
}

/** `--name`, for messages. */
export const dashed = (name: string): string => `--${name}`;

/** Reports a flag that is not written: the finding lands on the command/args list. */
export function missing(invocation: Invocation, message: string): FlagProblem {
  return { path: invocation.missingPath, message: `${subjectOf(invocation)} ${message}` };
}

/** The flags must be set to a non-empty value (a file path, usually). */
export function requiredFlagsRule(options: RuleText & { component: Component; flags: readonly string[]; consequence: string }): ResourceRule {
  return componentRule({
    ...options,
    evaluate(invocation) {
      const problems: FlagProblem[] = [];
      for (const name of options.flags) {
        const s = setting(invocation, name);
        if (s.state === 'unset') problems.push(missing(invocation, `does not set ${dashed(name)}; ${options.consequence}`));
        else if (s.state === 'set' && (s.flag.value ?? '').trim() === '') {
          problems.push({ path: s.flag.path, message: `${subjectOf(invocation)} sets ${dashed(name)} to an empty value; ${options.consequence}` });
        }
      }
      return problems;
    },
  });
}

/** The flag must not be set at all. */
export function forbiddenFlagRule(options: RuleText & { component: Component; flag: string; consequence: string }): ResourceRule {
  return componentRule({
    ...options,
    evaluate(invocation) {
      const s = setting(invocation, options.flag);
      if (s.state !== 'set') return [];
      return [{ path: s.flag.path, message: `${subjectOf(invocation)} sets ${s.flag.text}; ${options.consequence}` }];
    },
  });
}

export interface BooleanFlagSpec {
  flag: string;
  required: boolean;
  defaultValue: boolean;
  consequence: string;
}

/** What is wrong with a boolean flag: it must be `required`; a missing flag takes `defaultValue`. */
export function booleanFlagProblems(invocation: Invocation, spec: BooleanFlagSpec): FlagProblem[] {
  const { flag, required, defaultValue, consequence } = spec;
  const s = setting(invocation, flag);
  if (s.state === 'unset') {
    return defaultValue === required ? [] : [missing(invocation, `does not set ${dashed(flag)}, which defaults to ${String(defaultValue)}; ${consequence}`)];
  }
  if (s.state !== 'set') return [];
  const value = parseBool(s.flag.value ?? '');
  if (value === required) return [];
  const what = value === undefined ? `${s.flag.text}, which is not a boolean` : s.flag.text;
  return [{ path: s.flag.path, message: `${subjectOf(invocation)} sets ${what}; ${consequence}` }];
}

/** A boolean flag must have one value; a missing flag is judged by the component's default. */
export function booleanFlagRule(options: RuleText & BooleanFlagSpec & { component: Component }): ResourceRule {
  return componentRule({ ...options, evaluate: (invocation) => booleanFlagProblems(invocation, options) });
}

/**
 * An integer flag must be at least `min`. A missing flag takes the
 * component's default; `zeroMeans` is what 0 stands for (the audit log
 * library reads 0 as "no limit" for age and count, and as 100 MB for size).
 */
export function minimumFlagRule(
  options: RuleText & { component: Component; flag: string; min: number; defaultValue: number; zeroMeans?: number; consequence: string },
): ResourceRule {
  const { flag, min, defaultValue, zeroMeans, consequence } = options;
  const effective = (n: number): number => (n === 0 && zeroMeans !== undefined ? zeroMeans : n);
  return componentRule({
    ...options,
    evaluate(invocation) {
      const s = setting(invocation, flag);
      if (s.state === 'unset') {
        return effective(defaultValue) >= min ? [] : [missing(invocation, `does not set ${dashed(flag)}, which defaults to ${defaultValue}; ${consequence}`)];
      }
      if (s.state !== 'set') return [];
      const text = (s.flag.value ?? '').trim();
      const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (effective(value) >= min) return [];
      const what = Number.isNaN(value) ? `${s.flag.text}, which is not a whole number` : `${s.flag.text}, below ${min}`;
      return [{ path: s.flag.path, message: `${subjectOf(invocation)} sets ${what}; ${consequence}` }];
    },
  });
}

/**
 * kube-apiserver admission plugins. `enabled`: the plugin is off by default
 * and must be listed in --enable-admission-plugins. `not-enabled`: it must not
 * be listed there. `not-disabled`: it is on by default and must not be listed
 * in --disable-admission-plugins.
 */
export function admissionPluginRule(
  options: RuleText & {
    plugin: string;
    want: 'enabled' | 'not-enabled' | 'not-disabled';
    consequence: string;
    /** The plugin reads its settings from --admission-control-config-file, which must then be set. */
    needsConfigFile?: boolean;
  },
): ResourceRule {
  const { plugin, want, consequence } = options;
  return componentRule({
    ...options,
    component: 'kube-apiserver',
    evaluate(invocation) {
      const subject = subjectOf(invocation);
      // The deprecated --admission-control lists every plugin to run, replacing the defaults.
      const legacy = listSetting(invocation, 'admission-control');
      const legacyFlag = lastFlag(invocation.flags, 'admission-control');
      if (legacy && legacyFlag) {
        const listed = legacy.find((p) => p.item === plugin);
        if (want === 'not-enabled') {
          return listed
            ? [{ path: listed.flag.path, message: `${subject} turns on the ${plugin} admission plugin in --admission-control; ${consequence}` }]
            : [];
        }
        if (!listed) {
          const how =
            want === 'not-disabled'
              ? `sets the deprecated --admission-control, which replaces the default plugins, without ${plugin}`
              : `does not list ${plugin} in --admission-control`;
          return [{ path: legacyFlag.path, message: `${subject} ${how}; ${consequence}` }];
        }
        if (want === 'not-disabled') return [];
      }
      if (want === 'not-disabled') {
        const hit = listSetting(invocation, 'disable-admission-plugins')?.find((p) => p.item === plugin);
        return hit
          ? [{ path: hit.flag.path, message: `${subject} turns off the ${plugin} admission plugin in --disable-admission-plugins; ${consequence}` }]
          : [];
      }
      const enabled = legacy ?? listSetting(invocation, 'enable-admission-plugins');
      const hit = enabled?.find((p) => p.item === plugin);
      if (want === 'not-enabled') {
        return hit ? [{ path: hit.flag.path, message: `${subject} turns on the ${plugin} admission plugin; ${consequence}` }] : [];
      }
      if (!enabled) {
        return [missing(invocation, `does not set --enable-admission-plugins, so ${plugin} (off by default) is not on; ${consequence}`)];
      }
      if (!hit) {
        const last = lastFlag(invocation.flags, 'enable-admission-plugins');
        return [
          { path: last ? last.path : invocation.missingPath, message: `${subject} does not list ${plugin} in --enable-admission-plugins; ${consequence}` },
        ];
      }
      if (options.needsConfigFile && setting(invocation, 'admission-control-config-file').state === 'unset') {
        return [missing(invocation, `turns on ${plugin} but does not set --admission-control-config-file, where the plugin's settings live.`)];
      }
      return [];
    },
  });
}

/** IPv4 127.0.0.0/8 or IPv6 ::1. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' || h === 'localhost';
}

/** The serving address (`--bind-address`) must be a loopback address; it defaults to all interfaces. */
export function loopbackBindRule(options: RuleText & { component: Component; consequence: string }): ResourceRule {
  return componentRule({
    ...options,
    evaluate(invocation) {
      const s = setting(invocation, 'bind-address');
      if (s.state === 'unset') {
        return [missing(invocation, `does not set --bind-address, which defaults to 0.0.0.0 (every interface); ${options.consequence}`)];
      }
      if (s.state !== 'set' || isLoopback((s.flag.value ?? '').trim())) return [];
      return [{ path: s.flag.path, message: `${subjectOf(invocation)} sets ${s.flag.text}, which is not a loopback address; ${options.consequence}` }];
    },
  });
}
