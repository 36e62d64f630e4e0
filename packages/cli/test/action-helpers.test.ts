import { describe, expect, it } from 'vitest';
import type { Finding } from '@kubecomply/core';
import { chooseAnnotations } from '../src/action/run.js';
import { parseChangedLines, unquoteGitPath } from '../src/action/git.js';
import { readInputs } from '../src/action/inputs.js';
import { fitSummary, formatOutput, logLine, outputName } from '../src/action/workflow.js';

function finding(file: string, line: number, severity: Finding['severity'], n = 0): Finding {
  return {
    ruleId: `r${n}`,
    severity,
    message: 'm',
    file,
    path: [],
    pathFound: true,
    controls: [],
    remediation: 'r',
    resource: { apiVersion: 'v1', kind: 'Pod', name: `p${n}` },
    range: { start: { line, column: 1 }, end: { line, column: 4 } },
  };
}

describe('parseChangedLines', () => {
  it('reads added and changed lines per file from git diff --unified=0', () => {
    const diff = [
      'diff --git a/deploy/a.yaml b/deploy/a.yaml',
      'index 1..2 100644',
      '--- a/deploy/a.yaml',
      '+++ b/deploy/a.yaml',
      '@@ -3 +3 @@',
      '-x',
      '+y',
      '@@ -10,0 +11,3 @@',
      '+++ not a header: an added line that starts with "++ "',
      '+b',
      '+c',
      'diff --git a/gone.yaml b/gone.yaml',
      'deleted file mode 100644',
      '--- a/gone.yaml',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-a',
      '-b',
      'diff --git "a/odd\\tname.yaml" "b/odd\\tname.yaml"',
      '--- "a/odd\\tname.yaml"',
      '+++ "b/odd\\tname.yaml"',
      '@@ -1,0 +1 @@',
      '+z',
      'diff --git a/only-removed.yaml b/only-removed.yaml',
      '--- a/only-removed.yaml',
      '+++ b/only-removed.yaml',
      '@@ -4,2 +3,0 @@',
      '-a',
      '-b',
    ].join('\n');
    const changed = parseChangedLines(diff);
    expect([...changed.keys()]).toEqual(['deploy/a.yaml', 'odd\tname.yaml', 'only-removed.yaml']);
    expect([...changed.get('deploy/a.yaml')!]).toEqual([3, 11, 12, 13]);
    expect([...changed.get('odd\tname.yaml')!]).toEqual([1]);
    expect(changed.get('only-removed.yaml')!.size).toBe(0);
  });

  it("unquotes git's C-style paths, UTF-8 octal escapes included", () => {
    expect(unquoteGitPath('"b/caf\\303\\251.yaml"')).toBe('b/café.yaml');
    expect(unquoteGitPath('"a\\"b\\\\c"')).toBe('a"b\\c');
    expect(unquoteGitPath('plain.yaml')).toBe('plain.yaml');
  });
});

describe('chooseAnnotations', () => {
  it('keeps ten per type, those on changed lines first, and counts the rest', () => {
    const open = [
      ...Array.from({ length: 12 }, (_, i) => finding('a.yaml', i + 1, 'error', i)),
      finding('b.yaml', 5, 'error', 100),
      finding('b.yaml', 7, 'warning', 101),
      finding('<stdin>', 1, 'info', 102),
    ];
    const { chosen, leftOut } = chooseAnnotations(open, new Map([['b.yaml', new Set([5])]]));
    expect(chosen.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.range.start.line}`)).toEqual([
      'b.yaml:5',
      ...Array.from({ length: 9 }, (_, i) => `a.yaml:${i + 1}`),
    ]);
    expect(chosen.filter((f) => f.severity === 'warning')).toHaveLength(1);
    // A finding on no file of the repository is not annotated, nor counted as left out.
    expect(chosen.some((f) => f.file === '<stdin>')).toBe(false);
    expect(leftOut).toBe(3);
  });
});

describe('the file-command protocol', () => {
  it('writes an output as a heredoc whose delimiter is not in the value', () => {
    const text = formatOutput('scores', '{"a":1}\nsecond line');
    const m = /^scores<<(ghadelimiter_[0-9a-f-]{36})\n([\s\S]*)\n\1\n$/.exec(text);
    expect(m).not.toBeNull();
    expect(m![2]).toBe('{"a":1}\nsecond line');
  });

  it('makes output names the runner accepts', () => {
    expect(outputName('score-pci-dss')).toBe('score-pci-dss');
    expect(outputName('score-acme.2026')).toBe('score-acme_2026');
    expect(outputName('9lives')).toBe('_9lives');
  });

  it('cuts the summary at a line to fit the bytes left, and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ✓`).join('\n');
    expect(fitSummary(text, 1_000_000)).toBe(text);
    const cut = fitSummary(text, 400);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(400);
    expect(cut).toMatch(/^line 0 ✓\n/);
    expect(cut).toContain('GitHub keeps at most 1 MiB per step');
  });

  it('makes plain log lines inert: no command after leading spaces, no legacy ##[ command', () => {
    expect(logLine('  ::add-mask::x')).toBe('  : :add-mask::x\n');
    expect(logLine('file ##[error]x\nnext')).toBe('file ##\u200b[error]x next\n');
  });
});

describe('inputs', () => {
  it('reads INPUT_* as the runner sets them, hyphens kept', () => {
    const inputs = readInputs({
      INPUT_PATHS: 'deploy/\n  charts/rendered.yaml ',
      'INPUT_MIN-SCORE': 'pss-restricted=80, cis-kubernetes=60',
      'INPUT_ONLY-CHANGED': 'true',
      INPUT_ANNOTATIONS: 'off',
      INPUT_FRAMEWORKS: 'pss-restricted,pci-dss',
    });
    expect(inputs).toMatchObject({
      paths: ['deploy/', 'charts/rendered.yaml'],
      minScores: ['pss-restricted=80', 'cis-kubernetes=60'],
      onlyChanged: true,
      annotations: false,
      useHeadConfig: false,
      frameworks: ['pss-restricted', 'pci-dss'],
      failOn: undefined,
    });
    expect(readInputs({}).paths).toEqual(['.']);
    expect(() => readInputs({ 'INPUT_USE-HEAD-CONFIG': 'maybe' })).toThrow('Input use-head-config must be true or false (on or off), not "maybe".');
  });
});
