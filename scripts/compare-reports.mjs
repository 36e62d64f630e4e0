// Compares the JSON reports of this checkout with those of another commit on
// the three reference inputs: ../shared/corpus/real-world, examples/ and the
// generated 10,000-Deployment benchmark corpus. A refactoring that claims to
// change no behaviour must print "identical" for each.
//
//   node scripts/compare-reports.mjs <commit>      (builds both; run from the repository root)
//
// The other commit is checked out into a temporary worktree, installed and
// built there; both CLIs then lint the same inputs with the same arguments.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../bench/generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ref = process.argv[2];
if (!ref) {
  console.error('usage: node scripts/compare-reports.mjs <commit>');
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kubecomply-compare-'));
const pnpm = (cwd, ...args) => execFileSync('npx', ['-y', 'pnpm@12.21.0', ...args], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

function cliOf(checkout) {
  return path.join(checkout, 'packages/cli/dist/cli.js');
}

function report(cli, cwd, target, out) {
  const result = spawnSync(process.execPath, [cli, target, '-f', 'json', '-o', out, '--no-config'], { cwd, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${cli} ${target}: exit ${result.status}\n${result.stderr}`);
  return readFileSync(out);
}

const other = path.join(scratch, 'other');
try {
  execFileSync('git', ['worktree', 'add', '--detach', other, ref], { cwd: root, stdio: 'ignore' });
  pnpm(other, 'install', '--frozen-lockfile');
  pnpm(other, 'build');
  pnpm(root, 'build');

  const synthetic = path.join(scratch, 'synthetic');
  generate(synthetic);
  const inputs = [
    ['examples', 'examples'],
    ['real-world', path.resolve(root, '../shared/corpus/real-world')],
    ['synthetic', synthetic],
  ];
  let differ = 0;
  for (const [name, target] of inputs) {
    if (!existsSync(path.resolve(root, target))) {
      console.log(`${name}: skipped (${target} not found)`);
      continue;
    }
    // Both CLIs run from the same folder so that display paths agree.
    const mine = report(cliOf(root), root, target, path.join(scratch, `${name}.here.json`));
    const theirs = report(cliOf(other), root, target, path.join(scratch, `${name}.there.json`));
    const same = mine.equals(theirs);
    if (!same) differ++;
    console.log(`${name}: ${same ? 'identical' : 'DIFFERENT'} (${mine.length} bytes here, ${theirs.length} at ${ref})`);
  }
  process.exitCode = differ ? 1 : 0;
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', other], { cwd: root });
  rmSync(scratch, { recursive: true, force: true });
}
