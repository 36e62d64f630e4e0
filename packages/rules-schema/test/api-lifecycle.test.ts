import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter, parseKubeVersion, type KubeVersion } from '@kubecomply/core';
import plugin, { API_LIFECYCLE, type ApiLifecycle } from '../src/index.js';

const REFERENCE = path.join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'reference', 'deprecated-apis.md');
const OLDEST = 22;
const NEWEST = 37;

function lint(apiVersion: string, kind: string, minor: number) {
  const linter = new Linter({ plugins: [plugin], rules: ['removed-api-version', 'deprecated-api-version'], kubeVersion: { major: 1, minor } });
  return linter.lintText(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`, 'x.yaml').findings;
}

const minorOf = (release: string) => (parseKubeVersion(release) as KubeVersion).minor;

const cases = API_LIFECYCLE.flatMap((row) => row.kinds.map((kind) => [`${row.apiVersion} ${kind}`, row, kind] as const));

describe('API lifecycle table', () => {
  it.each(cases)('%s: error from its removal release, warning while deprecated, nothing before', (_, row, kind) => {
    const removed = minorOf(row.removedIn);
    const deprecated = row.deprecatedIn === undefined ? undefined : minorOf(row.deprecatedIn);
    for (let minor = OLDEST; minor <= NEWEST; minor++) {
      const found = lint(row.apiVersion, kind, minor).map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.column]);
      if (minor >= removed) expect(found, `1.${minor}`).toEqual([['removed-api-version', 'error', 1, 1]]);
      else if (deprecated !== undefined && minor >= deprecated) expect(found, `1.${minor}`).toEqual([['deprecated-api-version', 'warning', 1, 1]]);
      else expect(found, `1.${minor}`).toEqual([]);
    }
  });

  it('names the removing release, the replacement and the field changes', () => {
    const [finding] = lint('extensions/v1beta1', 'Ingress', 36);
    expect(finding?.message).toBe(
      'Ingress extensions/v1beta1 is no longer served from Kubernetes 1.22 (deprecated in 1.14), so the target 1.36 rejects it; use networking.k8s.io/v1 (served since 1.19); ' +
        'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number or .name, and every path needs a pathType.',
    );
    const [warning] = lint('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 30);
    expect(warning?.message).toContain(
      'deprecated since Kubernetes 1.29 and is no longer served from 1.32 (target 1.30); use flowcontrol.apiserver.k8s.io/v1 (served since 1.29)',
    );
    const [psp] = lint('policy/v1beta1', 'PodSecurityPolicy', 30);
    expect(psp?.message).toContain('there is no replacement API');
  });

  it('says when the replacement is not served yet by the target', () => {
    const [finding] = lint('networking.k8s.io/v1alpha1', 'ServiceCIDR', 33);
    expect(finding?.message).toContain('use networking.k8s.io/v1 (served since 1.33)');
    const [early] = lint('storagemigration.k8s.io/v1alpha1', 'StorageVersionMigration', 35);
    expect(early?.message).toContain('served only from 1.37, after Kubernetes 1.35');
  });

  it('leaves served versions and other kinds of a listed version alone', () => {
    expect(lint('apps/v1', 'Deployment', 36)).toEqual([]);
    expect(lint('resource.k8s.io/v1alpha3', 'DeviceTaintRule', 36)).toEqual([]);
    expect(lint('scheduling.k8s.io/v1alpha1', 'Workload', 35)).toEqual([]);
  });

  it('has one row per apiVersion and kind, each with a source', () => {
    const keys = cases.map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of API_LIFECYCLE) expect(row.sources.length).toBeGreaterThan(0);
  });
});

/** Rows of the reference's tables: apiVersion(s), kinds, deprecated, removed. */
function referenceRows(text: string): { apiVersion: string; kind: string; deprecatedIn?: string; removedIn: string }[] {
  const out: { apiVersion: string; kind: string; deprecatedIn?: string; removedIn: string }[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3, 5);
    if (!line.startsWith('| ') || line.startsWith('| apiVersion') || line.startsWith('|---')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const release = (cell: string) => /(\d+\.\d+)/.exec(cell.replace(/\*\*/g, ''))?.[1];
    let versions: string[];
    let kinds: string[];
    let deprecatedIn: string | undefined;
    let removedIn: string | undefined;
    if (section === '1.' || section === '2.') {
      if (cells.length < 5) continue;
      versions = cells[0]!.split(',').map((v) => v.trim());
      kinds = cells[1]!
        .replace(/\(.*\)/, '')
        .split(',')
        .map((k) => k.trim());
      deprecatedIn = cells[2]!
        .split('/')
        .map((c) => release(c))
        .filter(Boolean)[0];
      removedIn = release(cells[3]!);
      // "1.8 / 1.9" pairs a deprecation with each of two versions.
      if (versions.length === 2 && cells[2]!.includes('/')) {
        const pair = cells[2]!.split('/').map((c) => release(c));
        versions.forEach((v, i) => kinds.forEach((kind) => out.push({ apiVersion: v, kind, deprecatedIn: pair[i] as string, removedIn: removedIn as string })));
        continue;
      }
    } else if (section === '3.') {
      if (cells.length < 4) continue;
      versions = [cells[0]!];
      kinds = cells[1]!
        .replace(/\(.*\)/, '')
        .split(',')
        .map((k) => k.trim())
        .filter((k) => /^[A-Z]\w+$/.test(k));
      removedIn = release(cells[2]!);
    } else continue;
    if (!removedIn) continue;
    for (const apiVersion of versions) for (const kind of kinds) out.push({ apiVersion, kind, ...(deprecatedIn ? { deprecatedIn } : {}), removedIn });
  }
  return out;
}

describe.skipIf(!existsSync(REFERENCE))('agreement with ../shared/reference/deprecated-apis.md', () => {
  const rows = existsSync(REFERENCE) ? referenceRows(readFileSync(REFERENCE, 'utf8')) : [];
  const ours = new Map<string, ApiLifecycle>();
  for (const row of API_LIFECYCLE) for (const kind of row.kinds) ours.set(`${row.apiVersion} ${kind}`, row);

  it('reads the reference tables', () => {
    expect(rows.length).toBeGreaterThan(80);
  });

  it.each(rows.map((r) => [`${r.apiVersion} ${r.kind}`, r] as const))('%s has the reference releases', (key, ref) => {
    const row = ours.get(key);
    expect(row, `${key} missing from the table`).toBeDefined();
    expect(row?.removedIn).toBe(ref.removedIn);
    if (ref.deprecatedIn !== undefined && !row?.neverServed) expect(row?.deprecatedIn).toBe(ref.deprecatedIn);
  });
});
