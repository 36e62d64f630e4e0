// Tests run the built command one way: test/support/cli.ts (runCli). A test
// file that starts node itself, or runs packages/cli/dist/cli.js or
// bundle/kubecomply.cjs through child_process, fails here unless it is listed
// below with the reason it runs the command differently.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';

const RUNNER = 'test/support/cli.ts';
const PARALLEL = 'owned by a parallel change; convert after merge';

/** Files that run the command (or start node) on their own, and why. */
const EXCEPTIONS: Record<string, string> = {
  'test/hostile/hostile.test.ts': `the hostile suite's small-heap runner: a snapshot of the CLI under a capped heap and a memory probe (${PARALLEL})`,
  'test/hostile/cli-snapshot.ts': `makes the private copy of the built CLI that long suites run, and checks the copy starts (${PARALLEL})`,
  'test/action.test.ts': `runs the committed bundles as the GitHub Action does (${PARALLEL})`,
  'test/million-findings.test.ts': `runs test/support/million-findings.mjs under a small heap, the formatters in process, not the CLI (${PARALLEL})`,
  'test/pre-commit.test.ts': 'runs the committed bundle through the pre-commit tool, from a clone, as a user hook does',
  'test/bundles.test.ts': 'builds the bundles with tsup and compares their bytes with bundle/; it names the bundle but runs neither',
  'test/contributing.test.ts': 'runs scripts/gen-rule-index.mjs and vitest in a scratch copy of the repository, not the CLI',
  'test/fuzz/run-campaign.mjs': 'starts vitest on the fuzz suite, not the CLI',
  'test/packages.test.ts':
    "runs the packed packages as a user's project does: npm install, the README examples and tsc with node, and npx kubecomply from the scratch project's node_modules, not the workspace's command",
};

const CHILD_PROCESS_CALLS = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
/** A string that names the built command or the committed bundle as a file to run. */
const CLI_PATH = /(^|\/)dist\/cli\.js$|(^|\/)kubecomply\.cjs$|^cli\.js$/;
/** Names under which test code holds the built command's path (test/hostile/cli-snapshot.ts). */
const CLI_NAMES = new Set(['snapshotCli', 'BUILT_CLI']);

interface RunnerUse {
  /** Imports node:child_process (or requires it). */
  childProcess: boolean;
  /** Calls a child_process function with node (process.execPath or "node") as the command. */
  startsNode: boolean;
  /** Names the built CLI or the bundle (a path string, or the snapshot helpers). */
  namesCli: boolean;
}

/** What a source file does with child processes and the command, read from its syntax (comments do not count). */
function runnerUse(text: string, file = 'x.ts'): RunnerUse {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const use: RunnerUse = { childProcess: false, startsNode: false, namesCli: false };
  const isChildProcess = (node: ts.Node) => ts.isStringLiteralLike(node) && /^(node:)?child_process$/.test(node.text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isChildProcess(node.moduleSpecifier)) use.childProcess = true;
    if (ts.isStringLiteralLike(node) && CLI_PATH.test(node.text)) use.namesCli = true;
    if (ts.isIdentifier(node) && CLI_NAMES.has(node.text)) use.namesCli = true;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if ((name === 'require' || callee.kind === ts.SyntaxKind.ImportKeyword) && node.arguments[0] && isChildProcess(node.arguments[0]))
        use.childProcess = true;
      const command = node.arguments[0];
      if (CHILD_PROCESS_CALLS.has(name) && command) {
        const commandText = command.getText(source);
        if (commandText === 'process.execPath' || (ts.isStringLiteralLike(command) && command.text === 'node')) use.startsNode = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return use;
}

/** True when a file runs the command, or node, other than through the runner. */
const runsOnItsOwn = (use: RunnerUse): boolean => use.childProcess && (use.startsNode || use.namesCli);

function codeFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : codeFiles(rel);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const TEST_DIRS = ['test', ...readdirSync(path.join(REPO_ROOT, 'packages')).map((p) => `packages/${p}/test`)].filter((d) => {
  try {
    return readdirSync(path.join(REPO_ROOT, d)).length > 0;
  } catch {
    return false;
  }
});
const FILES = TEST_DIRS.flatMap(codeFiles).sort();
const offenders = FILES.filter((f) => runsOnItsOwn(runnerUse(readFileSync(path.join(REPO_ROOT, f), 'utf8'), f)));

describe('one CLI runner for all tests', () => {
  it('no test file runs the built command, the bundle or node but through test/support/cli.ts (or a listed exception)', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(offenders.filter((f) => f !== RUNNER && !(f in EXCEPTIONS))).toEqual([]);
  });

  it('every exception still runs the command or node on its own (else it leaves the list)', () => {
    expect(Object.keys(EXCEPTIONS).filter((f) => !offenders.includes(f))).toEqual([]);
  });

  it('test/support/cli-run.ts, the second runner, is gone', () => {
    expect(FILES).not.toContain('test/support/cli-run.ts');
  });

  it('sees the runner itself: a child process that runs the built command', () => {
    expect(offenders).toContain(RUNNER);
  });

  it('catches a private wrapper, the bundle, a wrapped node and a required child_process; not a runCli caller nor a comment', () => {
    const wrapper = `import { spawnSync } from 'node:child_process';
const cli = path.join(root, 'packages/cli/dist/cli.js');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });`;
    expect(runsOnItsOwn(runnerUse(wrapper))).toBe(true);
    const bundle = `import { execFileSync } from 'child_process';\nexecFileSync('node', [path.join(root, 'bundle', 'kubecomply.cjs'), '.']);`;
    expect(runnerUse(bundle)).toEqual({ childProcess: true, startsNode: true, namesCli: true });
    const wrapped = `import * as cp from 'node:child_process';\nconst copy = snapshotCli(dir);\ncp.spawnSync('unshare', ['-n', process.execPath, copy]);`;
    expect(runsOnItsOwn(runnerUse(wrapped))).toBe(true);
    const required = `const { spawn } = require('node:child_process');\nspawn(process.execPath, ['x.js']);`;
    expect(runsOnItsOwn(runnerUse(required, 'x.js'))).toBe(true);
    const caller = `// runs packages/cli/dist/cli.js through the runner\nimport { spawnSync } from 'node:child_process';\nimport { runCli } from './support/cli.js';\nrunCli(['-f', 'json']);\nspawnSync('git', ['init']);`;
    expect(runnerUse(caller)).toEqual({ childProcess: true, startsNode: false, namesCli: false });
  });
});
