import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import plugin from '../src/index.js';
import { ruleFixtureTests } from '../../../test/support/rule-package-fixtures.js';

const docsDir = path.join(import.meta.dirname, '..', 'docs', 'rules');
const catalogs = [...plugin.frameworks, ...rulesCis.frameworks];

describe('rules-best-practices fixtures', () => {
  ruleFixtureTests(path.join(import.meta.dirname, '..'), plugin);

  it.each(plugin.rules.map((r) => r.id))('rule %s is in the best-practices catalog and its doc names every control it evidences', (id) => {
    expect(plugin.frameworks[0]?.controls.some((c) => c.rules?.includes(id))).toBe(true);
    const references = readFileSync(path.join(docsDir, `${id}.md`), 'utf8').split('## References')[1] ?? '';
    for (const framework of catalogs) {
      for (const control of framework.controls.filter((c) => c.rules?.includes(id))) {
        expect(references, `${framework.id} ${control.id}`).toContain(control.id);
      }
    }
  });
});
