// Writes schema-data/: compact schemas of every built-in Kubernetes kind, one
// file per kind, from the type declarations of kubernetes-models 5.1.0
// (Kubernetes 1.36, with the removed API versions merged in), and for each
// field the releases between which it appeared, from older type packages
// installed under npm aliases (devDependencies k8s-api-1.NN):
//   1.21 kubernetes-types 1.21.0-beta.1   1.25, 1.26, 1.29, 1.30 kubernetes-types
//   1.27 kubernetes-models 4.3.1           1.33 kubernetes-models 4.5.1
// Run with `pnpm --filter @kubecomply/rules-schema gen-schemas`; the output is
// committed, so neither a build nor a run needs these packages.
//
// Encoding of a field's type (see src/schema/kube-schema.ts):
//   's' string, 'i' integer, 'n' number, 'b' boolean, 'a' anything,
//   'q' quantity, 'x' int-or-string, 't' date-time, 'B' base64 bytes,
//   { e: [...] } one of these strings, { l: T } list, { m: T } map of string to T,
//   any other string: the key of a definition ('core/v1.Container').
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const pkgDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(pkgDir, 'package.json'));
const modDir = (name) => path.dirname(require.resolve(`${name}/package.json`));

const NEWEST = 36;
const SNAPSHOTS = [
  { minor: 21, dir: modDir('k8s-api-1.21'), layout: 'types' },
  { minor: 25, dir: modDir('k8s-api-1.25'), layout: 'types' },
  { minor: 26, dir: modDir('k8s-api-1.26'), layout: 'types' },
  { minor: 27, dir: modDir('k8s-api-1.27'), layout: 'models' },
  { minor: 29, dir: modDir('k8s-api-1.29'), layout: 'types' },
  { minor: 30, dir: modDir('k8s-api-1.30'), layout: 'types' },
  { minor: 33, dir: modDir('k8s-api-1.33'), layout: 'models' },
];

/** Fields the API serialises as base64 (OpenAPI format byte), checked against the compiled validators below. */
const BYTE_FIELDS = new Set([
  'core/v1.Secret.data',
  'core/v1.ConfigMap.binaryData',
  'certificates/v1.CertificateSigningRequestSpec.request',
  'certificates/v1.CertificateSigningRequestStatus.certificate',
  'certificates/v1beta1.CertificateSigningRequestSpec.request',
  'certificates/v1beta1.CertificateSigningRequestStatus.certificate',
  'admissionregistration/v1.WebhookClientConfig.caBundle',
  'admissionregistration/v1beta1.WebhookClientConfig.caBundle',
  'apiextensions/v1.WebhookClientConfig.caBundle',
  'apiextensions/v1beta1.WebhookClientConfig.caBundle',
  'apiregistration/v1.APIServiceSpec.caBundle',
  'apiregistration/v1beta1.APIServiceSpec.caBundle',
]);

/** Type aliases of apimachinery with a meaning of their own. */
const ALIASES = {
  'api/resource.Quantity': 'q',
  'util/intstr.IntOrString': 'x',
  'meta/v1.Time': 't',
  'meta/v1.MicroTime': 't',
  'meta/v1.FieldsV1': 'a',
  'runtime.RawExtension': 'a',
  'apiextensions/v1.JSON': 'a',
  'apiextensions/v1beta1.JSON': 'a',
};

/** 'IoK8sApiCoreV1Container' -> 'core/v1.Container' (the Go package and type). */
function keyOf(canonical) {
  const m = /^IoK8s(?:Api|ApimachineryPkgApis|ApiextensionsApiserverPkgApis|KubeAggregatorPkgApis)([A-Z][a-z]+)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(
    canonical,
  );
  if (m) return `${m[1].toLowerCase()}/${m[2].toLowerCase()}.${m[3]}`;
  const special = {
    IoK8sApimachineryPkgApiResourceQuantity: 'api/resource.Quantity',
    IoK8sApimachineryPkgUtilIntstrIntOrString: 'util/intstr.IntOrString',
    IoK8sApimachineryPkgRuntimeRawExtension: 'runtime.RawExtension',
    IoK8sApimachineryPkgVersionInfo: 'version.Info',
  };
  return special[canonical] ?? canonical;
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === '_schemas') continue;
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const propName = (member) => (member.name && (ts.isStringLiteral(member.name) || ts.isIdentifier(member.name)) ? member.name.text : undefined);

/** kubernetes-models declaration files: { key -> { node: interface or alias, file } } by their exported canonical names. */
function readModels(dirs) {
  const defs = new Map();
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const local = new Map();
      for (const st of source.statements) {
        if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) local.set(st.name.text, st);
      }
      for (const st of source.statements) {
        if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause) || st.moduleSpecifier) continue;
        for (const el of st.exportClause.elements) {
          const from = (el.propertyName ?? el.name).text;
          const node = local.get(from);
          if (node && el.name.text.startsWith('IIoK8s')) defs.set(keyOf(el.name.text.slice(1)), node);
        }
      }
    }
  }
  return defs;
}

/** kubernetes-types: '<group>/<version>.d.ts' with plain interfaces. */
function readTypes(dir) {
  const defs = new Map();
  for (const file of walk(dir)) {
    const rel = path.relative(dir, file).replace(/\.d\.ts$/, '');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const st of source.statements) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) defs.set(`${rel}.${st.name.text}`, st);
    }
  }
  return defs;
}

function propertySet(node) {
  if (!ts.isInterfaceDeclaration(node)) return undefined;
  return new Set(node.members.filter(ts.isPropertySignature).map(propName).filter(Boolean));
}

// ---- the newest schema -------------------------------------------------
const models = readModels([
  modDir('k8s-api-1.36'),
  path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [modDir('k8s-api-1.36')] })),
]);

function refKey(typeName) {
  const text = typeName.getText();
  if (!text.startsWith('IIoK8s')) return undefined;
  return keyOf(text.slice(1));
}

function encode(node, owner, prop) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return BYTE_FIELDS.has(`${owner}.${prop}`) ? 'B' : 's';
    case ts.SyntaxKind.NumberKeyword:
      // Kubernetes APIs use integers only, but for the bounds of JSON schemas in CRDs.
      return owner.startsWith('apiextensions/') && owner.endsWith('.JSONSchemaProps') ? 'n' : 'i';
    case ts.SyntaxKind.BooleanKeyword:
      return 'b';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return 'a';
    case ts.SyntaxKind.LiteralType:
      return ts.isStringLiteral(node.literal) ? { e: [node.literal.text] } : 'a';
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => encode(t, owner, prop));
      if (parts.every((p) => typeof p === 'object' && p.e)) return { e: parts.flatMap((p) => p.e) };
      return 'a';
    }
    case ts.SyntaxKind.ArrayType:
      return { l: encode(node.elementType, owner, prop) };
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index?.type) {
        const inner = encode(index.type, owner, prop);
        return { m: inner === 's' && BYTE_FIELDS.has(`${owner}.${prop}`) ? 'B' : inner };
      }
      return node.members.length === 0 ? 'a' : 'a';
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if ((name === 'Array' || name === 'ReadonlyArray') && node.typeArguments?.length === 1) return { l: encode(node.typeArguments[0], owner, prop) };
      if (name === 'Record' && node.typeArguments?.length === 2) return { m: encode(node.typeArguments[1], owner, prop) };
      const key = refKey(node.typeName);
      if (!key) return 'a';
      if (ALIASES[key]) return ALIASES[key];
      const target = models.get(key);
      if (!target) throw new Error(`${owner}.${prop}: unknown type ${name}`);
      if (ts.isTypeAliasDeclaration(target)) return encode(target.type, key, prop);
      return key;
    }
    case ts.SyntaxKind.IndexedAccessType:
      // `IDeployment["apiVersion"]` in the class; interfaces use literals.
      return 's';
    default:
      throw new Error(`${owner}.${prop}: cannot encode ${ts.SyntaxKind[node.kind]}`);
  }
}

const compact = new Map();
function compile(key) {
  if (compact.has(key)) return;
  const node = models.get(key);
  if (!node || !ts.isInterfaceDeclaration(node)) throw new Error(`no interface for ${key}`);
  const def = { p: {} };
  compact.set(key, def);
  const required = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = propName(member);
    // apiVersion and kind are checked by the kind lookup itself.
    const type = name === 'apiVersion' || name === 'kind' ? 's' : encode(member.type, key, name);
    def.p[name] = type;
    if (!member.questionToken && name !== 'apiVersion' && name !== 'kind') required.push(name);
    for (const ref of refsOf(type)) compile(ref);
  }
  if (required.length > 0) def.r = required;
  if (node.heritageClauses?.some((h) => h.getText().includes('TypeMeta'))) def.k = 1;
}

function refsOf(type) {
  if (typeof type === 'string') return type.length > 1 ? [type] : [];
  if (type.l) return refsOf(type.l);
  if (type.m) return refsOf(type.m);
  return [];
}

// Kinds: interfaces whose apiVersion and kind are string literals.
const kinds = new Map();
for (const [key, node] of models) {
  if (!ts.isInterfaceDeclaration(node)) continue;
  const lit = (n) => {
    const m = node.members.find((x) => ts.isPropertySignature(x) && propName(x) === n);
    return m?.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? m.type.literal.text : undefined;
  };
  const apiVersion = lit('apiVersion');
  const kind = lit('kind');
  if (apiVersion && kind && !kind.endsWith('List')) kinds.set(`${apiVersion} ${kind}`, key);
}
for (const key of kinds.values()) compile(key);

// Byte fields must still exist: a renamed one would silently become a plain string.
for (const field of BYTE_FIELDS) {
  const dot = field.lastIndexOf('.');
  const def = compact.get(field.slice(0, dot));
  const type = def?.p[field.slice(dot + 1)];
  if (!def) continue; // the type is not reachable from a served kind
  if (type !== 'B' && type?.m !== 'B') throw new Error(`byte field ${field} not found (${JSON.stringify(type)})`);
}

// ---- since when each field exists ---------------------------------------
const snapshots = SNAPSHOTS.map((s) => {
  const defs =
    s.layout === 'types'
      ? readTypes(s.dir)
      : readModels([s.dir, path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [s.dir] }))]);
  const packages = new Set([...defs.keys()].map((k) => k.split('/')[0]));
  return { minor: s.minor, defs, packages };
});

/**
 * [last release known without it, first release known with it], or undefined
 * when it was there in every snapshot that knows its group, or when the
 * snapshots are not monotonic (a field or type of a removed version that
 * kubernetes-models keeps merged in).
 */
function since(present) {
  let lastAbsent;
  let firstPresent;
  let seenPresent = false;
  for (const s of snapshots) {
    const p = present(s);
    if (p === undefined) continue;
    if (p) {
      if (!seenPresent) firstPresent = s.minor;
      seenPresent = true;
    } else {
      if (seenPresent) return undefined;
      lastAbsent = s.minor;
    }
  }
  if (lastAbsent === undefined) return undefined;
  return [lastAbsent, firstPresent ?? NEWEST];
}

const group = (key) => key.split('/')[0];
for (const [key, def] of compact) {
  const typeSince = since((s) => (s.packages.has(group(key)) ? s.defs.has(key) : undefined));
  if (typeSince) def.s = typeSince;
  const fields = {};
  for (const prop of Object.keys(def.p)) {
    if (prop === 'apiVersion' || prop === 'kind') continue;
    const v = since((s) => {
      if (!s.packages.has(group(key))) return undefined;
      const props = s.defs.has(key) ? propertySet(s.defs.get(key)) : undefined;
      // A type the snapshot lacks says nothing of its fields: the type's own date covers them.
      if (!props) return undefined;
      return props.has(prop);
    });
    if (v) fields[prop] = v;
  }
  if (Object.keys(fields).length > 0) def.v = fields;
}

// ---- write ---------------------------------------------------------------
const outDir = path.join(pkgDir, 'schema-data');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const index = {};
let total = 0;
for (const [gvk, key] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const closure = {};
  const visit = (k) => {
    if (closure[k]) return;
    closure[k] = compact.get(k);
    for (const t of Object.values(closure[k].p)) for (const r of refsOf(t)) visit(r);
  };
  visit(key);
  const file = `${key.replace(/[/.]/g, '-')}.json`;
  const text = JSON.stringify({ root: key, defs: closure });
  writeFileSync(path.join(outDir, file), text);
  total += text.length;
  index[gvk] = file;
}
writeFileSync(
  path.join(outDir, 'index.json'),
  `${JSON.stringify({ source: 'kubernetes-models 5.1.0 (Kubernetes 1.36)', newest: NEWEST, kinds: index }, null, 1)}\n`,
);
console.log(`${Object.keys(index).length} kinds, ${compact.size} definitions, ${(total / 1024).toFixed(0)} KiB`);
