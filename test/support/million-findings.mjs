// Usage: node --max-old-space-size=<MB> test/support/million-findings.mjs <json|sarif> [count]
// Writes the report of a lint result with `count` findings (default one
// million) to standard output through the core's chunked formatter, as the
// CLI does. Run by test/million-findings.test.ts with a small heap: a report
// built as one string, or a million result objects held at once, does not fit.
import { writeSync } from 'node:fs';
import { CHUNKED_FORMATTERS, LATEST_KUBE_VERSION } from '../../packages/core/dist/index.js';

const [format, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 1_000_000);
const chunked = CHUNKED_FORMATTERS[format];
if (!chunked) throw new Error(`no chunked formatter "${format}"`);

const RULES = ['privileged-container', 'host-port', 'missing-resource-limits', 'image-tag-latest-or-missing', 'run-as-non-root-missing'];
const controls = [{ framework: 'cis-kubernetes', version: '1.12.0', id: '5.2.2' }];
const rules = RULES.map((id) => ({
  id,
  description: `Checks ${id}.`,
  severity: 'warning',
  remediation: `Fix ${id}.`,
  plugin: '@kubecomply/rules-cis',
  controls,
  appliesTo: ['workloads'],
}));
const FILES = 1_000;
const files = Array.from({ length: FILES }, (_, i) => `deploy/app-${String(i).padStart(4, '0')}.yaml`);
const PER_RESOURCE = RULES.length * 2;
const ERROR_EVERY = 50;

// Findings as the engine makes them: the resource, file and Helm objects of
// a document are shared by its findings; ranges and paths are plain data,
// shared here so that the input itself stays small next to the output.
const ranges = new Map();
const rangeAt = (line) => {
  let range = ranges.get(line);
  if (!range) ranges.set(line, (range = { start: { line, column: 9 }, end: { line, column: 30 } }));
  return range;
};
const paths = [0, 1].map((i) => ['spec', 'template', 'spec', 'containers', i, 'securityContext']);
function* findingsOf() {
  let resource;
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / PER_RESOURCE);
    if (i % PER_RESOURCE === 0) resource = { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${r}`, namespace: `team-${r % 50}` };
    const line = 1 + (i % PER_RESOURCE) * 3 + (r % 100) * 40;
    yield {
      ruleId: RULES[i % RULES.length],
      // One in ERROR_EVERY is an error: SARIF keeps those and the earliest warnings (formatters/sarif-limits.ts).
      severity: i % ERROR_EVERY === 0 ? 'error' : 'warning',
      message: `Container "app" of Deployment app-${r} breaks ${RULES[i % RULES.length]} (${i}).`,
      resource,
      file: files[Math.floor(r / 100) % FILES],
      range: rangeAt(line),
      path: paths[i % 2],
      pathFound: i % 3 !== 0,
      controls,
      remediation: `Fix ${RULES[i % RULES.length]}.`,
    };
  }
}

const result = {
  findings: [...findingsOf()],
  files,
  resources: [],
  skipped: [],
  rules,
  frameworks: [],
  kubeVersion: LATEST_KUBE_VERSION,
};
const options = { color: false, tool: { name: 'kubecomply', version: '0.0.0-test' } };

// Standard output is a pipe: a write may take part of the bytes, or none yet.
function writeAll(text) {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

let pending = '';
for (const chunk of chunked(result, options)) {
  pending += chunk;
  if (pending.length >= 1 << 20) {
    writeAll(pending);
    pending = '';
  }
}
writeAll(pending);
