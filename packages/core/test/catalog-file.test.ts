import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validatorSource } from '../../../scripts/gen-validator.mjs';
import {
  CatalogError,
  ConfigurationError,
  complianceReport,
  definePlugin,
  defineRule,
  Linter,
  loadCatalogFile,
  loadCatalogPlugins,
  parseCatalog,
} from '../src/index.js';

const rule = (id: string) => defineRule({ id, description: `${id}.`, severity: 'error', appliesTo: 'workloads', remediation: 'Fix it.', check() {} });
const rules = definePlugin({
  name: 'rules',
  rules: [rule('privileged-container'), rule('host-pid'), rule('image-not-pinned-by-digest')],
  frameworks: [],
});
const knownRules = new Set(rules.rules.map((r) => r.id));

const GOOD = `# ACME's own baseline
id: acme-baseline
version: "2026.1"
title: ACME container baseline
url: https://wiki.example.com/acme
controls:
  - id: ACME-1
    title: No privileged containers
    rules: [privileged-container, host-pid]
  - id: "1.10"
    title: Images are pinned
    rules: [image-not-pinned-by-digest]
    assessment: automated
  - id: ACME-9
    title: Changes are approved
    assessment: manual
    note: Reviewed by the change board.
`;

/** `line:column: message` of each problem, as the CLI prints them (after the file name). */
function problems(text: string): string[] {
  try {
    parseCatalog(text, { file: 'acme.yaml', knownRules, takenFrameworks: new Set(['cis-kubernetes']) });
  } catch (err) {
    if (!(err instanceof CatalogError)) throw err;
    expect(err).toBeInstanceOf(ConfigurationError);
    return err.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  }
  throw new Error('the catalog was accepted');
}

describe('catalog files', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-catalog-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a YAML catalog into a framework', () => {
    const fw = parseCatalog(GOOD, { file: 'acme.yaml', knownRules });
    expect(fw).toEqual({
      id: 'acme-baseline',
      version: '2026.1',
      title: 'ACME container baseline',
      url: 'https://wiki.example.com/acme',
      controls: [
        { id: 'ACME-1', title: 'No privileged containers', rules: ['privileged-container', 'host-pid'] },
        { id: '1.10', title: 'Images are pinned', rules: ['image-not-pinned-by-digest'], assessment: 'automated' },
        { id: 'ACME-9', title: 'Changes are approved', assessment: 'manual', note: 'Reviewed by the change board.' },
      ],
    });
    expect(Object.isFrozen(fw)).toBe(true);
  });

  it('reads the same catalog written as JSON', () => {
    const json = JSON.stringify(parseCatalog(GOOD, { file: 'acme.yaml' }), null, 2);
    expect(parseCatalog(json, { file: 'acme.json', knownRules })).toEqual(parseCatalog(GOOD, { file: 'acme.yaml' }));
  });

  it('names every problem the schema finds with its file, line and column', () => {
    expect(
      problems(`id: acme
version: 1.10
title: ACME
controls:
  - id: 1.10
    title: Pinned
    rules: [privileged-containr]
  - id: A2
    titel: Second
    assessment: automated
  - id: A3
    title: Third
    assessment: sometimes
`),
    ).toEqual([
      'acme.yaml:2:1: version must be a string; put it in quotes (YAML read it as the number 1.1)',
      'acme.yaml:5:5: controls[0].id must be a string; put it in quotes (YAML read it as the number 1.1)',
      'acme.yaml:8:5: controls[1] is missing the required key "title"',
      'acme.yaml:9:5: unknown key "titel"; did you mean "title"?',
      'acme.yaml:13:5: controls[2].assessment must be one of automated, manual, not-static, not "sometimes"',
    ]);
  });

  it('then what a schema cannot know: unknown rules, ids used twice, automated controls without rules', () => {
    expect(
      problems(`id: acme
version: "1.10"
title: ACME
controls:
  - id: "1.10"
    title: Pinned
    rules: [privileged-containr]
  - id: A2
    title: Second
    assessment: automated
  - id: A3
    title: Third
    assessment: manual
  - id: A3
    title: Again
    rules: [host-pid, host-pid]
`),
    ).toEqual([
      'acme.yaml:7:13: unknown rule "privileged-containr" in controls[0].rules; did you mean "privileged-container"?',
      'acme.yaml:8:5: controls[1] is automated but lists no rules; list the rules that decide it, or set assessment: manual or not-static',
      'acme.yaml:14:5: control id "A3" is used twice (first in controls[2])',
      'acme.yaml:16:23: controls[3].rules names "host-pid" twice',
    ]);
  });

  it('refuses what is not a catalog, with a position', () => {
    expect(problems('- a\n- b\n')).toEqual(['acme.yaml:1:1: the file must be a mapping']);
    expect(problems('id: x\nversion: "1"\ntitle: [unclosed\n')[0]).toMatch(/^acme\.yaml:4:1: invalid YAML: /);
    expect(problems('id: x\nid: z\nversion: "1"\ntitle: T\ncontrols: [{ id: A, title: a, assessment: manual }]\n')).toEqual([
      'acme.yaml:2:1: key "id" is written twice; only the last one would count',
    ]);
    expect(problems('id: cis-kubernetes\nversion: "1"\ntitle: T\ncontrols: []\n')).toEqual(['acme.yaml:4:1: controls must list at least 1']);
    expect(problems('id: cis-kubernetes\nversion: "1"\ntitle: T\ncontrols: [{ id: A, title: a, assessment: manual }]\n')).toEqual([
      'acme.yaml:1:1: framework id "cis-kubernetes" is already used by a loaded framework; choose another id',
    ]);
    expect(problems('id: a\nversion: "1"\ntitle: T\nurl: javascript:alert(1)\ncontrols: [{ id: A, title: a, assessment: manual }]\n')).toEqual([
      'acme.yaml:4:1: url must be an http or https address, not "javascript:alert(1)"',
    ]);
    expect(problems('id: "a b"\nversion: "1"\ntitle: T\nrules: []\n')).toEqual([
      'acme.yaml:1:1: the file is missing the required key "controls"',
      'acme.yaml:1:1: id may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit, not "a b"',
      'acme.yaml:4:1: unknown key "rules"; expected one of: id, version, title, url, controls',
    ]);
  });

  it('is checked against the published catalog schema, compiled into the committed validator (run the build to regenerate)', () => {
    const schemaFile = path.resolve(import.meta.dirname, '../schema/kubecomply-catalog.schema.json');
    const generated = path.resolve(import.meta.dirname, '../src/engine/catalog-validate.generated.js');
    expect(readFileSync(generated, 'utf8')).toBe(validatorSource(JSON.parse(readFileSync(schemaFile, 'utf8')), 'schema/kubecomply-catalog.schema.json'));
  });

  it('loads catalog files as plugins whose controls score the rule packages', () => {
    const file = path.join(tmp, 'acme.yaml');
    writeFileSync(file, GOOD);
    expect(loadCatalogFile('acme.yaml', { cwd: tmp }).id).toBe('acme-baseline');
    const catalogs = loadCatalogPlugins(['acme.yaml'], [rules], { cwd: tmp });
    expect(catalogs.map((p) => [p.name, p.rules.length, p.frameworks.map((f) => f.id)])).toEqual([['catalog:acme.yaml', 0, ['acme-baseline']]]);
    const result = new Linter({ plugins: [rules, ...catalogs], frameworks: ['acme-baseline'] }).lintText(
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: nginx }] }\n',
      'pod.yaml',
    );
    const [fw] = complianceReport(result).frameworks;
    expect(fw?.controls.map((c) => [c.id, c.status])).toEqual([
      ['ACME-1', 'passed'],
      ['1.10', 'passed'],
      ['ACME-9', 'manual'],
    ]);
    expect(fw?.score).toBe(100);
  });

  it('refuses a second catalog with a taken id, and a missing file', () => {
    writeFileSync(path.join(tmp, 'again.yaml'), GOOD);
    expect(() => loadCatalogPlugins(['acme.yaml', 'again.yaml'], [rules], { cwd: tmp })).toThrow(
      /^again\.yaml:2:1: framework id "acme-baseline" is already used by a loaded framework/,
    );
    expect(() => loadCatalogFile('nope.yaml', { cwd: tmp })).toThrow('Cannot read catalog nope.yaml: no such file.');
  });
});
