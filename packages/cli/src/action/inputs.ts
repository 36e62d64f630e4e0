import { ConfigurationError } from '@kubecomply/core';
import type { FailLevel } from '../command-line/args.js';

/** The Action's inputs (action.yml), as the runner passes them: INPUT_<NAME>, upper case, hyphens kept. */
export interface ActionInputs {
  paths: string[];
  config: string | undefined;
  frameworks: string[];
  kubeVersion: string | undefined;
  failOn: FailLevel | undefined;
  minScores: string[];
  baseline: string | undefined;
  catalogs: string[];
  onlyChanged: boolean;
  sarifFile: string | undefined;
  annotations: boolean;
  useHeadConfig: boolean;
}

function raw(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Items separated by new lines, spaces or commas (paths may not hold spaces). */
function list(env: NodeJS.ProcessEnv, name: string, separators = /[\s,]+/): string[] {
  return raw(env, name)
    .split(separators)
    .filter((s) => s !== '');
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = raw(env, name);
  return value === '' ? undefined : value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = raw(env, name).toLowerCase();
  if (value === '') return fallback;
  if (['true', 'on', 'yes', '1'].includes(value)) return true;
  if (['false', 'off', 'no', '0'].includes(value)) return false;
  throw new ConfigurationError(`Input ${name} must be true or false (on or off), not "${raw(env, name)}".`);
}

const FAIL_LEVELS: readonly string[] = ['error', 'warning', 'info', 'none'];

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = optional(env, 'fail-on');
  if (failOn !== undefined && !FAIL_LEVELS.includes(failOn)) {
    throw new ConfigurationError(`Input fail-on must be one of ${FAIL_LEVELS.join(', ')}, not "${failOn}".`);
  }
  const paths = list(env, 'paths', /\s+/);
  return {
    paths: paths.length > 0 ? paths : ['.'],
    config: optional(env, 'config'),
    frameworks: list(env, 'frameworks'),
    kubeVersion: optional(env, 'kube-version'),
    failOn: failOn as FailLevel | undefined,
    minScores: list(env, 'min-score'),
    baseline: optional(env, 'baseline'),
    catalogs: list(env, 'catalogs', /\s+/),
    onlyChanged: flag(env, 'only-changed', false),
    sarifFile: optional(env, 'sarif-file'),
    annotations: flag(env, 'annotations', true),
    useHeadConfig: flag(env, 'use-head-config', false),
  };
}
