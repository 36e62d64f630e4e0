// The import graph of a package's source folders, read from the TypeScript
// sources with the compiler's own scanner (static imports, re-exports,
// `import type` and dynamic `import()` with a literal), for the layer test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to the package's src/. */
  from: string;
  /** Imported file, relative to src/ (extension as written, .js mapped to .ts). */
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every relative import of the files under `srcDir`, as paths relative to `srcDir`. */
export function importEdges(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(srcDir)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), ref.fileName).replace(/\.(m|c)?js$/, '.$1ts');
      edges.push({ from: path.relative(srcDir, file), to: path.relative(srcDir, target) });
    }
  }
  return edges;
}

/** The folder of a src-relative file: its first path segment, or '.' for files directly in src/. */
export function folderOf(file: string): string {
  const parts = file.split(path.sep);
  return parts.length > 1 ? (parts[0] as string) : '.';
}

/** Imports that go against `layers` (listed bottom first): a folder may import only folders listed before it. */
export function layerViolations(edges: readonly ImportEdge[], layers: readonly string[]): string[] {
  const rank = new Map(layers.map((layer, i) => [layer, i]));
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined) out.push(`${from}: folder "${a}" has no place in the layer order`);
    else if (rb === undefined) out.push(`${from} imports ${to}: folder "${b}" has no place in the layer order`);
    else if (rb > ra) out.push(`${from} imports ${to}: "${a}" may not import "${b}", which is above it`);
  }
  return out;
}

/** Cycles between folders (each as a list of folders, first repeated last), found by depth-first search. */
export function folderCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
