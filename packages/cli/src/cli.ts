#!/usr/bin/env node
import { isLintWorker, serveLintWorker } from '@kubecomply/core';
import { processIo } from './command-line/io.js';
import { lintWorkerSetup } from './commands/worker.js';
import { main } from './main.js';

// The command is its own worker script: a thread of a parallel run (--jobs) starts this file again.
if (isLintWorker()) {
  serveLintWorker(lintWorkerSetup);
} else {
  const argv = process.argv.slice(2);
  // The bundle is minified; map stack traces back to the sources when they will be shown.
  if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
  void main(argv, processIo()).then((code) => {
    process.exitCode = code;
  });
}
