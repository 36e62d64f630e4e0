import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Plugin } from '@kubecomply/core';
import { fixtureMarkedRules, lintFixture, markdownYamlBlocks } from '@kubecomply/core/testing';

/** `privileged-container.yaml` or `unsafe-sysctl.v1-26.yaml` -> the rule id. */
export const ruleOfFixture = (file: string) => file.replace(/\.ya?ml$/, '').replace(/\..*$/, '');

/**
 * The checks every rule package runs on its fixtures (test/fixtures/<rule-id>[.<variant>].yaml)
 * and its docs (docs/rules/<rule-id>.md), called inside the package's `describe`.
 */
export function ruleFixtureTests(packageDir: string, plugin: Plugin): void {
  const dir = path.join(packageDir, 'test', 'fixtures');
  const fixtures = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const ruleIds = plugin.rules.map((r) => r.id);
  const docsDir = path.join(packageDir, 'docs', 'rules');
  const docs = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  // A fixture runs the rule it is named after and every rule its markers name.
  const rulesUnderTest = (file: string, text: string) => [...new Set([ruleOfFixture(file), ...fixtureMarkedRules(text)])];

  it.each(fixtures)('%s reports exactly its # expect: markers', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const outcome = lintFixture(text, `fixtures/${file}`, { plugins: [plugin], rules: rulesUnderTest(file, text) });
    expect(outcome.result.findings.filter((f) => f.ruleId === 'rule-error')).toEqual([]);
    expect(outcome.actual).toEqual(outcome.expected);
  });

  it.each(docs)('docs/rules/%s: every YAML example reports exactly its markers', (doc) => {
    const id = doc.replace(/\.md$/, '');
    const blocks = markdownYamlBlocks(readFileSync(path.join(docsDir, doc), 'utf8'));
    expect(blocks.length, 'no YAML example').toBeGreaterThanOrEqual(2);
    for (const block of blocks) {
      const outcome = lintFixture(block.text, `docs/rules/${doc}`, { plugins: [plugin], rules: rulesUnderTest(`${id}.yaml`, block.text) });
      expect(outcome.actual, `example at line ${block.line}`).toEqual(outcome.expected);
    }
    expect(
      blocks.some((b) => fixtureMarkedRules(b.text).includes(id)),
      'no failing example',
    ).toBe(true);
    expect(
      blocks.some((b) => !fixtureMarkedRules(b.text).includes(id)),
      'no passing example',
    ).toBe(true);
  });

  it.each(ruleIds)('rule %s has a fixture with a failing and a passing case', (id) => {
    const own = fixtures.filter((f) => ruleOfFixture(f) === id);
    expect(own.length, `no fixture named ${id}.yaml`).toBeGreaterThan(0);
    const texts = own.map((f) => readFileSync(path.join(dir, f), 'utf8'));
    expect(
      texts.some((t) => new RegExp(`# expect:.*\\b${id}\\b`).test(t)),
      'no failing case',
    ).toBe(true);
    // A passing case: a document of the fixture in which the rule's marker never appears.
    const documents = texts.flatMap((t) => t.split(/^---$/m));
    expect(
      documents.some((d) => /kind:/.test(d) && !new RegExp(`# expect:.*\\b${id}\\b`).test(d)),
      'no passing case',
    ).toBe(true);
  });

  // Rules whose findings vary in severity describe it in words; the default severity must be among them.
  it.each(ruleIds)('docs/rules/%s.md opens with the id and names the severity the rule has', (id) => {
    const rule = plugin.rules.find((r) => r.id === id);
    const lines = readFileSync(path.join(docsDir, `${id}.md`), 'utf8').split('\n');
    expect(lines[0]).toBe(`# ${id}`);
    expect(lines[2], 'the third line: **Severity:** <severity> · **Applies to:** <what>').toMatch(
      new RegExp(`^\\*\\*Severity:\\*\\* (?:[^·]*\\W)?${rule?.severity}\\b[^·]* · \\*\\*Applies to:\\*\\* \\S`),
    );
  });

  it('names every fixture after a rule', () => {
    for (const file of fixtures) expect(ruleIds).toContain(ruleOfFixture(file));
  });
}
