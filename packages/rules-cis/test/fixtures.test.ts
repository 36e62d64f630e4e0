import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFixture } from '@kubecomply/core';
import plugin from '../src/index.js';

const dir = path.join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const ruleIds = plugin.rules.map((r) => r.id);

/** `privileged-container.yaml` or `unsafe-sysctl.v1-26.yaml` -> the rule id. */
const ruleOf = (file: string) => file.replace(/\.ya?ml$/, '').replace(/\..*$/, '');

describe('rules-cis fixtures', () => {
  it.each(fixtures)('%s reports exactly its # expect: markers', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const outcome = lintFixture(text, `fixtures/${file}`, { plugins: [plugin] });
    expect(outcome.actual).toEqual(outcome.expected);
  });

  it.each(ruleIds)('rule %s has a fixture with a failing and a passing case', (id) => {
    const own = fixtures.filter((f) => ruleOf(f) === id);
    expect(own.length, `no fixture named ${id}.yaml`).toBeGreaterThan(0);
    const texts = own.map((f) => readFileSync(path.join(dir, f), 'utf8'));
    expect(texts.some((t) => new RegExp(`# expect:.*\\b${id}\\b`).test(t)), 'no failing case').toBe(true);
    // A passing case: a document of the fixture in which the rule's marker never appears.
    const docs = texts.flatMap((t) => t.split(/^---$/m));
    expect(docs.some((d) => /kind:/.test(d) && !new RegExp(`# expect:.*\\b${id}\\b`).test(d)), 'no passing case').toBe(true);
  });

  it('names every fixture after a rule', () => {
    for (const file of fixtures) expect(ruleIds).toContain(ruleOf(file));
  });
});
