import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureMarkedRules, lintFixture, markdownYamlBlocks } from '@kubecomply/core';
import plugin from '../src/index.js';

const dir = path.join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const ruleIds = plugin.rules.map((r) => r.id);

/** `pan-in-manifest.yaml` or `cde-workload-shares-nodes.configured.yaml` -> the rule id. */
const ruleOf = (file: string) => file.replace(/\.ya?ml$/, '').replace(/\..*$/, '');

describe('rules-pci fixtures', () => {
  // A fixture runs the rule it is named after and every rule its markers name.
  const rulesUnderTest = (file: string, text: string) => [...new Set([ruleOf(file), ...fixtureMarkedRules(text)])];

  it.each(fixtures)('%s reports exactly its # expect: markers', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const outcome = lintFixture(text, `fixtures/${file}`, { plugins: [plugin], rules: rulesUnderTest(file, text) });
    expect(outcome.result.findings.filter((f) => f.ruleId === 'rule-error')).toEqual([]);
    expect(outcome.actual).toEqual(outcome.expected);
  });

  const docsDir = path.join(import.meta.dirname, '..', 'docs', 'rules');
  const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort();

  it.each(docs)('docs/rules/%s: every YAML example reports exactly its markers', (doc) => {
    const id = doc.replace(/\.md$/, '');
    const blocks = markdownYamlBlocks(readFileSync(path.join(docsDir, doc), 'utf8'));
    expect(blocks.length, 'no YAML example').toBeGreaterThanOrEqual(2);
    for (const block of blocks) {
      const outcome = lintFixture(block.text, `docs/rules/${doc}`, { plugins: [plugin], rules: rulesUnderTest(`${id}.yaml`, block.text) });
      expect(outcome.actual, `example at line ${block.line}`).toEqual(outcome.expected);
    }
    expect(blocks.some((b) => fixtureMarkedRules(b.text).includes(id)), 'no failing example').toBe(true);
    expect(blocks.some((b) => !fixtureMarkedRules(b.text).includes(id)), 'no passing example').toBe(true);
  });

  it.each(ruleIds)('rule %s has a fixture with a failing and a passing case', (id) => {
    const own = fixtures.filter((f) => ruleOf(f) === id);
    expect(own.length, `no fixture named ${id}.yaml`).toBeGreaterThan(0);
    const texts = own.map((f) => readFileSync(path.join(dir, f), 'utf8'));
    expect(texts.some((t) => new RegExp(`# expect:.*\\b${id}\\b`).test(t)), 'no failing case').toBe(true);
    // A passing case: a document of the fixture in which the rule's marker never appears.
    const documents = texts.flatMap((t) => t.split(/^---$/m));
    expect(documents.some((d) => /kind:/.test(d) && !new RegExp(`# expect:.*\\b${id}\\b`).test(d)), 'no passing case').toBe(true);
  });

  it.each(ruleIds)('rule %s is documented with its PCI DSS requirements', (id) => {
    const text = readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of ['## Why', '## How to fix', '## Examples', '## References']) expect(text).toContain(section);
    const controls = plugin.frameworks.flatMap((f) => f.controls.filter((c) => c.rules?.includes(id)).map((c) => c.id));
    for (const control of controls) expect(text, `docs name requirement ${control}`).toMatch(new RegExp(`PCI DSS[^\\n]*\\b${control.replace(/\./g, '\\.')}\\b`));
  });

  it('names every fixture after a rule', () => {
    for (const file of fixtures) expect(ruleIds).toContain(ruleOf(file));
  });
});
