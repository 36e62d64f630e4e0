import micromatch from 'micromatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, GlobError, globProblem, MAX_BRACE_EXPANSION, MAX_GLOB_LENGTH, MAX_GLOB_STARS } from '../src/config/glob.js';

// The patterns configs are written with, and texts around their edges: the
// linear matcher must agree with micromatch ({ dot: true }), which configs
// were matched with before it.
const PATTERNS = [
  'vendor/**',
  '**/*.yaml',
  '**',
  '*',
  '*.yaml',
  'deploy/*.yaml',
  'deploy/**/*.yaml',
  'a/**/b',
  '**/b',
  'a/**',
  'apps/*/base/*.y?ml',
  'kube-*',
  '*-system',
  'team-[a-c]',
  'team-[^a-c]',
  'v[0-9][0-9]',
  '[[:digit:]]*',
  '{Deployment,StatefulSet}',
  'ns-{1..3}',
  '{a,b}/{c,d}.yaml',
  '{a,{b,c}}x',
  'x{y}',
  'literal.yaml',
  'a\\*b',
  '.hidden/*',
  '*.{yml,yaml}',
  'charts/*/templates/**',
  '!canary-*',
  '!vendor/**',
  '!!kube-*',
];
const TEXTS = [
  'vendor',
  'vendor/a.yaml',
  'vendor/x/y.yaml',
  'a.yaml',
  'dir/a.yaml',
  'deploy/app.yaml',
  'deploy/x/app.yaml',
  'a/b',
  'a/x/b',
  'a/x/y/b',
  'b',
  'x/b',
  'a',
  'a/c',
  'apps/shop/base/pod.yml',
  'apps/shop/base/pod.yaml',
  'apps/shop/overlays/pod.yaml',
  'kube-system',
  'kube-',
  'team-a',
  'team-d',
  'v12',
  'v1',
  '7up',
  'Deployment',
  'DaemonSet',
  'ns-2',
  'ns-4',
  'a/c.yaml',
  'b/d.yaml',
  'cx',
  'x{y}',
  'xy',
  'literal.yaml',
  'a*b',
  'aXb',
  '.hidden/file',
  'values.yml',
  'charts/web/templates/deploy.yaml',
  'charts/web/values.yaml',
];

describe('compileGlob', () => {
  it('agrees with micromatch on the patterns configs use', () => {
    const differences: string[] = [];
    for (const pattern of PATTERNS) {
      const ours = compileGlob(pattern);
      const theirs = micromatch.matcher(pattern, { dot: true });
      for (const text of TEXTS) if (ours(text) !== theirs(text)) differences.push(`${pattern} ~ ${text}: ours ${ours(text)}, micromatch ${theirs(text)}`);
    }
    expect(differences).toEqual([]);
  });

  it('takes `[!a-c]` as a negated class, as .gitignore and the shell do (micromatch reads the `!` as a member)', () => {
    const match = compileGlob('team-[!a-c]');
    expect([match('team-a'), match('team-d'), match('team-!')]).toEqual([false, true, true]);
  });

  it('matches many stars against a long name by tracking places, not by backtracking', () => {
    const match = compileGlob(`${'*a'.repeat(MAX_GLOB_STARS - 1)}*b`);
    // A backtracking engine takes on the order of n^31 steps here; this one about n × 32.
    expect(match('a'.repeat(20_000))).toBe(false);
    expect(match(`${'a'.repeat(20_000)}b`)).toBe(true);
    expect(compileGlob('**/*a*a*a*a*a*a*a*a*b.yaml')(`${'a/'.repeat(125)}x.yaml`)).toBe(false);
  });

  it('refuses patterns past its limits, and extended globs, with a reason', () => {
    expect(() => compileGlob('a'.repeat(MAX_GLOB_LENGTH + 1))).toThrow(GlobError);
    expect(globProblem('a'.repeat(MAX_GLOB_LENGTH + 1))).toMatch(/over the limit of 1024/);
    expect(globProblem('*a'.repeat(MAX_GLOB_STARS + 1))).toMatch(/33 wildcards/);
    expect(globProblem('{a,b}'.repeat(9))).toMatch(new RegExp(`more than ${MAX_BRACE_EXPANSION} patterns`));
    expect(globProblem('{1..100000}')).toMatch(/range/);
    expect(globProblem('+(a|b)')).toMatch(/extended globs/);
    expect(globProblem('[[:nope:]]')).toMatch(/\[:nope:\]/);
    expect(globProblem('{a,b}'.repeat(8))).toBeUndefined();
  });
});
