// Folders are layers: each imports only the folders below it, and no two
// folders import each other, in every package. docs/architecture.md draws them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, importEdges, layerViolations, type ImportEdge } from './support/import-graph.js';

const root = path.resolve(import.meta.dirname, '..');

/** Each package's folders, bottom layer first; '.' is the package entry (src/index.ts). */
const LAYERS: Record<string, readonly string[]> = {
  core: ['base', 'parse', 'input', 'helm', 'model', 'engine', 'config', 'policy', 'report', 'formatters', 'api', 'testing', '.'],
  'rules-cis': ['checks', 'rules', 'frameworks', '.'],
  'rules-pci': ['settings', 'checks', 'rules', 'frameworks', '.'],
  cli: ['command-line', 'commands', 'action', '.'],
};

describe('layers inside packages', () => {
  it.each(Object.entries(LAYERS))('%s: every import goes down the layer order', (pkg, layers) => {
    const edges = importEdges(path.join(root, 'packages', pkg, 'src'));
    expect(edges.length).toBeGreaterThan(0);
    expect(layerViolations(edges, layers)).toEqual([]);
  });

  it.each(Object.keys(LAYERS))('%s: no cycle between folders', (pkg) => {
    expect(folderCycles(importEdges(path.join(root, 'packages', pkg, 'src')))).toEqual([]);
  });

  it('the check fails on an import against the order', () => {
    const reverse: ImportEdge[] = [{ from: 'model/workload.ts', to: 'engine/rule.ts' }];
    expect(layerViolations(reverse, LAYERS.core as string[])).toEqual([
      'model/workload.ts imports engine/rule.ts: "model" may not import "engine", which is above it',
    ]);
  });

  it('the check fails on a folder that has no place in the order', () => {
    expect(layerViolations([{ from: 'misc/x.ts', to: 'base/types.ts' }], LAYERS.core as string[])).toHaveLength(1);
  });

  it('the check finds a cycle between folders', () => {
    const cyclic: ImportEdge[] = [
      { from: 'config/load.ts', to: 'policy/today.ts' },
      { from: 'policy/governance.ts', to: 'config/types.ts' },
      { from: 'policy/governance.ts', to: 'base/types.ts' },
    ];
    expect(folderCycles(cyclic)).toEqual([['config', 'policy', 'config']]);
  });
});
