/**
 * The fixtures and rule docs of the Pod Security restricted, namespace and
 * NET_RAW rules, each linted with only the rule families it is about: a
 * fixture with the framework its header names or else every Pod Security
 * rule plus the namespace and NET_RAW rules, a doc example with its own rule
 * and the rules its markers name.
 * The generic runner (fixtures.test.ts) lints with every rule of the
 * package; this keeps these expectations exact while unrelated workload
 * rules of other families come and go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureExpectations, fixtureOptions, lintFixture, markdownYamlBlocks } from '@kubecomply/core/testing';
import plugin from '../src/index.js';

const OWN = [
  'restricted-volume-type',
  'allow-privilege-escalation',
  'run-as-non-root-missing',
  'run-as-user-zero',
  'seccomp-profile-missing',
  'capabilities-not-drop-all',
  'capabilities-added-beyond-restricted',
  'proc-mount-unmasked-in-user-namespace',
  'capability-net-raw',
  'pod-security-admission-rejected',
  'namespace-pod-security-level',
];

const restricted = plugin.frameworks.find((f) => f.id === 'pss-restricted');
const podSecurityRules = new Set(restricted?.controls.flatMap((c) => c.rules ?? []));
const scope = [...new Set([...podSecurityRules, 'capability-net-raw', 'pod-security-admission-rejected', 'namespace-pod-security-level'])];

const fixtureDir = path.join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => OWN.includes(f.split('.')[0] as string))
  .sort();
const docsDir = path.join(import.meta.dirname, '..', 'docs', 'rules');

describe('Pod Security and namespace rule fixtures', () => {
  it.each(fixtures)('%s reports exactly its # expect: markers', (file) => {
    const text = readFileSync(path.join(fixtureDir, file), 'utf8');
    // A fixture that names its framework is already scoped by it.
    const scoped = fixtureOptions(text).frameworks ? {} : { rules: scope };
    const outcome = lintFixture(text, `fixtures/${file}`, { plugins: [plugin], ...scoped });
    expect(outcome.actual).toEqual(outcome.expected);
  });
});

describe('Pod Security and namespace rule docs', () => {
  it.each(OWN)('%s.md has the sections and checked examples', (id) => {
    const markdown = readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
    expect(markdown.startsWith(`# ${id}\n`)).toBe(true);
    expect(markdown).toMatch(/^\*\*Severity:\*\* .+ · \*\*Applies to:\*\* /m);
    for (const heading of ['## Why', '## How to fix', '## Examples', '## References']) expect(markdown).toContain(`\n${heading}\n`);
    const blocks = markdownYamlBlocks(markdown);
    const failing = blocks.filter((b) => fixtureExpectations(b.text).some((e) => e.endsWith(`:${id}`)));
    const passing = blocks.filter((b) => fixtureExpectations(b.text).length === 0);
    expect(failing.length, 'a failing example').toBeGreaterThan(0);
    expect(passing.length, 'a passing example').toBeGreaterThan(0);
    for (const block of blocks) {
      const named = fixtureExpectations(block.text).map((e) => e.slice(e.indexOf(':') + 1));
      const outcome = lintFixture(block.text, `docs/rules/${id}.md`, { plugins: [plugin], rules: [...new Set([id, ...named])] });
      expect(outcome.actual, `example at line ${block.line}`).toEqual(outcome.expected);
    }
  });
});
