import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { ruleFixtureTests } from '../../../test/support/rule-package-fixtures.js';

const docsDir = path.join(import.meta.dirname, '..', 'docs', 'rules');

describe('rules-pci fixtures', () => {
  ruleFixtureTests(path.join(import.meta.dirname, '..'), plugin);

  it.each(plugin.rules.map((r) => r.id))('rule %s is documented with its PCI DSS requirements', (id) => {
    const text = readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of ['## Why', '## How to fix', '## Examples', '## References']) expect(text).toContain(section);
    const controls = plugin.frameworks.flatMap((f) => f.controls.filter((c) => c.rules?.includes(id)).map((c) => c.id));
    for (const control of controls)
      expect(text, `docs name requirement ${control}`).toMatch(new RegExp(`PCI DSS[^\\n]*\\b${control.replace(/\./g, '\\.')}\\b`));
  });
});
