import { runAction } from './run.js';

// The entry GitHub's runner starts (action.yml runs.main), bundled into bundle/action.cjs.
void runAction({ env: process.env, cwd: process.cwd(), log: (text) => void process.stdout.write(text) }).then((code) => {
  process.exitCode = code;
});
