import { compareKubeVersions, formatKubeVersion, parseKubeVersion, type KubeVersion } from '@kubecomply/core';
import { lifecycleOf, type ApiLifecycle } from './api-lifecycle.js';

/** Where an apiVersion/kind stands in the target release. */
export type LifecycleStatus = { state: 'removed' | 'deprecated'; row: ApiLifecycle };

function version(text: string): KubeVersion {
  const v = parseKubeVersion(text);
  if (!v) throw new Error(`Bad release "${text}" in the API lifecycle table.`);
  return v;
}

/** Removed once the target reaches the removal release; deprecated from the deprecation release until then. */
export function lifecycleStatus(apiVersion: string, kind: string, target: KubeVersion): LifecycleStatus | undefined {
  const row = lifecycleOf(apiVersion, kind);
  if (!row) return undefined;
  if (compareKubeVersions(target, version(row.removedIn)) >= 0) return { state: 'removed', row };
  if (row.deprecatedIn !== undefined && compareKubeVersions(target, version(row.deprecatedIn)) >= 0) return { state: 'deprecated', row };
  return undefined;
}

/** "use apps/v1 (served since 1.9)", or what to do when there is no replacement, plus what else changes. */
export function migrationAdvice(row: ApiLifecycle, target: KubeVersion): string {
  let text: string;
  if (!row.replacement) text = 'there is no replacement API';
  else {
    text = `use ${row.replacement}`;
    if (row.replacementSince !== undefined) {
      const since = version(row.replacementSince);
      text +=
        compareKubeVersions(target, since) >= 0
          ? ` (served since ${row.replacementSince})`
          : ` (served only from ${row.replacementSince}, after Kubernetes ${formatKubeVersion(target)})`;
    }
  }
  return row.note ? `${text}; ${row.note}` : text;
}
