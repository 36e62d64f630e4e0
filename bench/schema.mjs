// Cost of schema validation, in a fresh process (so loads are cold): size of
// the built-in schema data, time to load it (the index and one kind, as a run
// over Deployments does; then every kind), and time per resource to validate
// Deployments against it. Prints one JSON object; bench/run.mjs runs it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { Linter } = await import(path.join(root, 'packages/core/dist/index.js'));
const schemaPkg = await import(path.join(root, 'packages/rules-schema/dist/index.js'));
const plugin = schemaPkg.default;
const { schemaLoadStats, validationStats } = schemaPkg;
const dataDir = path.join(root, 'packages/rules-schema/schema-data');
const files = readdirSync(dataDir);
const dataBytes = files.reduce((sum, f) => sum + statSync(path.join(dataDir, f)).size, 0);

const deployment = (i) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web-${i}, namespace: shop, labels: { app: web-${i} } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web-${i} } }
  template:
    metadata: { labels: { app: web-${i} } }
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.${i}
          ports: [{ containerPort: 8080, name: http }]
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
          readinessProbe: { httpGet: { path: /healthz, port: http } }
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`;
const SCHEMA_RULES = ['unknown-field', 'invalid-field-value', 'missing-required-field', 'unknown-kind'];

// One Deployment: the index and the Deployment schema are read.
new Linter({ plugins: [plugin], rules: SCHEMA_RULES }).lintText(deployment(0), 'one.yaml');
const firstKind = { files: schemaLoadStats.files, bytes: schemaLoadStats.bytes, ms: schemaLoadStats.ms };

// Every kind the data has.
const index = JSON.parse(readFileSync(path.join(dataDir, 'index.json'), 'utf8'));
const everyKind = Object.keys(index.kinds)
  .map((key) => {
    const [apiVersion, kind] = key.split(' ');
    return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x }\n`;
  })
  .join('---\n');
new Linter({ plugins: [plugin], rules: SCHEMA_RULES }).lintText(everyKind, 'all.yaml');

// Validation per resource, timed inside the rules (the time between two
// runs of the whole linter is mostly parsing, and too noisy to difference).
const N = 5000;
const text = Array.from({ length: N }, (_, i) => deployment(i)).join('---\n');
const linter = new Linter({ plugins: [plugin], rules: SCHEMA_RULES });
linter.lintText(text, 'warm-up.yaml');
const before = { ...validationStats };
linter.lintText(text, 'many.yaml');
const validated = validationStats.resources - before.resources;
const validationMs = validationStats.ms - before.ms;

console.log(
  JSON.stringify({
    dataFiles: files.length,
    dataBytes,
    firstKind,
    everyKindServedAt136: { files: schemaLoadStats.files, bytes: schemaLoadStats.bytes, ms: schemaLoadStats.ms },
    validation: { resources: validated, ms: validationMs, usPerResource: (validationMs * 1000) / validated },
  }),
);
