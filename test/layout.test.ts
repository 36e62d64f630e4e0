import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rulesBestPractices from '@kubecomply/rules-best-practices';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import rulesSchema from '@kubecomply/rules-schema';
import { ruleIndexSource } from '../scripts/gen-rule-index.mjs';

const root = path.resolve(import.meta.dirname, '..');
const packages = [
  { dir: 'packages/rules-cis', plugin: rulesCis },
  { dir: 'packages/rules-pci', plugin: rulesPci },
  { dir: 'packages/rules-schema', plugin: rulesSchema },
  { dir: 'packages/rules-best-practices', plugin: rulesBestPractices },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

describe('repository layout', () => {
  it.each(packages)('$dir: src/rules/index.ts lists every rule file (run the build to regenerate)', ({ dir }) => {
    const rulesDir = path.join(root, dir, 'src/rules');
    expect(readFileSync(path.join(rulesDir, 'index.ts'), 'utf8')).toBe(ruleIndexSource(rulesDir));
  });

  it.each(packages)('$dir: rule id = file name = doc name = fixture name', ({ dir, plugin }) => {
    const rulesDir = path.join(root, dir, 'src/rules');
    const files = readdirSync(rulesDir)
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(plugin.rules.map((r) => r.id).sort()).toEqual(files);
    for (const id of files) {
      expect(existsSync(path.join(root, dir, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      const fixtures = readdirSync(path.join(root, dir, 'test/fixtures')).filter((f) => f.split('.')[0] === id);
      expect(fixtures.length, `test/fixtures/${id}.yaml`).toBeGreaterThan(0);
    }
  });

  it('rule ids are unique across every package', () => {
    const ids = packages.flatMap((p) => p.plugin.rules.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('imports flow one way: cli -> rules -> core', () => {
    const allowed: Record<string, string[]> = {
      core: [],
      'rules-cis': ['@kubecomply/core'],
      'rules-pci': ['@kubecomply/core'],
      'rules-schema': ['@kubecomply/core'],
      cli: ['@kubecomply/core', '@kubecomply/rules-best-practices', '@kubecomply/rules-cis', '@kubecomply/rules-pci', '@kubecomply/rules-schema'],
      'rules-best-practices': ['@kubecomply/core'],
    };
    for (const [pkg, may] of Object.entries(allowed)) {
      for (const file of sourceFiles(path.join(root, 'packages', pkg, 'src'))) {
        for (const spec of importsOf(file).filter((s) => s.startsWith('@kubecomply/'))) {
          expect(may, `${path.relative(root, file)} imports ${spec}`).toContain(spec);
        }
      }
    }
  });

  it('every rule a framework names exists', () => {
    const ids = new Set(packages.flatMap((p) => p.plugin.rules.map((r) => r.id)));
    for (const fw of packages.flatMap((p) => p.plugin.frameworks)) {
      for (const control of fw.controls) {
        for (const rule of control.rules ?? []) expect(ids, `${fw.id} ${control.id} names ${rule}`).toContain(rule);
      }
    }
  });
});
