// Usage: node bench/baseline.mjs <files...>
// The parse-speed floor the CLI is compared with: js-yaml 4.1 `loadAll` over
// every file given, each read and decoded as UTF-8.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// js-yaml is a dependency of @kubecomply/core, not of the root, so resolve it
// from there: the baseline then runs the same version the CLI bundles.
const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { loadAll } = require('js-yaml');

for (const file of process.argv.slice(2)) loadAll(readFileSync(file, 'utf8'));
