#!/usr/bin/env node
import { processIo } from './command-line/io.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
// The bundle is minified; map stack traces back to the sources when they will be shown.
if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
void main(argv, processIo()).then((code) => {
  process.exitCode = code;
});
