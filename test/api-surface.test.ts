// The public API of @kubecomply/core changes only on purpose: this compares
// what the entry points export with the list committed in packages/core/api.txt.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSurface } from '../scripts/api-surface.mjs';

const root = path.resolve(import.meta.dirname, '..');
const surface = apiSurface();

describe('public API of @kubecomply/core', () => {
  it('is what packages/core/api.txt lists (after a deliberate change: node scripts/api-surface.mjs > packages/core/api.txt)', () => {
    expect(surface).toBe(readFileSync(path.join(root, 'packages/core/api.txt'), 'utf8'));
  });

  it('documents every exported name', () => {
    expect(surface.split('\n').filter((line) => line.endsWith('(undocumented)'))).toEqual([]);
  });

  it('keeps the fixture runner out of the main entry', () => {
    const main = surface.split('# @kubecomply/core/testing')[0] as string;
    expect(main).not.toMatch(/lintFixture/);
    expect(surface.split('# @kubecomply/core/testing')[1]).toMatch(/function lintFixture/);
  });
});
