// @requires ../shared (some cases): SARIF is validated against the OASIS schema in ../shared/reference when it is there.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GITHUB_COMMAND, githubProperties, parseXml, HAS_SARIF_SCHEMA, sarifErrors, xmlElements } from '../packages/core/test/support/formats.js';
import { findings as findingsOf, REPO_ROOT as root, runCli } from './support/cli.js';

const kubecomply = (...args: string[]) => runCli(args);

/** Runs a format twice on examples/shop/ and insists on the same bytes and a clean stderr. */
function twice(format: string): string {
  const first = kubecomply('--format', format, 'examples/shop/');
  const second = kubecomply('--format', format, 'examples/shop/');
  expect(first.stderr).toBe('');
  expect(first.code).toBe(1);
  expect(second.stdout).toBe(first.stdout);
  return first.stdout;
}

describe('the built CLI (run the build first): --format sarif | junit | github on examples/shop/', () => {
  const findings = findingsOf(kubecomply('--format', 'json', 'examples/shop/'));
  const open = findings.filter((f) => !f.suppression);

  it('lists the formats in --help', () => {
    expect(kubecomply('--help').stdout).toMatch(/--format <name>.*sarif, junit or github/);
  });

  it.runIf(HAS_SARIF_SCHEMA)('sarif: valid SARIF 2.1.0, one result per finding, paths relative to the repository', () => {
    const log = JSON.parse(twice('sarif'));
    expect(sarifErrors(log)).toBe('');
    const results = log.runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[];
    }[];
    expect(results.length).toBe(findings.length);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const { uri, uriBaseId } = r.locations[0]!.physicalLocation.artifactLocation;
      expect(uriBaseId).toBe('%SRCROOT%');
      expect(existsSync(path.join(root, decodeURIComponent(uri))), uri).toBe(true);
      expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  it('junit: well-formed XML with a failure for every unsuppressed finding', () => {
    const xml = parseXml(twice('junit'));
    expect(xml.name).toBe('testsuites');
    const listed = xmlElements(xml, 'failure').map((f) => f.text.match(/^\S+:\d+:\d+ /gm)?.length ?? 0);
    expect(listed.reduce((a, b) => a + b, 0)).toBe(open.length);
    expect(Number(xml.attributes['failures'])).toBe(xmlElements(xml, 'failure').length);
    const files = xmlElements(xml, 'testsuite').map((s) => s.attributes['name']);
    expect(files).toEqual([...new Set(files)]);
    for (const f of findings) expect(files).toContain(f.file);
  });

  it('github: one workflow command per unsuppressed finding on a real file, then the summary', () => {
    const lines = twice('github').trimEnd().split('\n');
    const commands = lines.slice(0, -1);
    expect(commands).toHaveLength(open.length);
    for (const line of commands) {
      const m = GITHUB_COMMAND.exec(line);
      expect(m, line).not.toBeNull();
      const props = githubProperties(m![2]);
      expect(existsSync(path.join(root, props['file'] as string)), line).toBe(true);
      expect(Number(props['line'])).toBeGreaterThan(0);
    }
    expect(lines.at(-1)).toMatch(new RegExp(`^kubecomply: ${open.length} problems \\(`));
  });
});
