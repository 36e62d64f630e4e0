import type { Resource } from '../../src/index.js';
import { loadText } from '../../src/model/load.js';

/** The resources of a YAML text, as the linter loads them; a problem in the text fails the test. */
export function loadResources(file: string, text: string): Resource[] {
  const out: Resource[] = [];
  loadText(file, text, {
    wantsPositions: () => false,
    resource: (r) => out.push(r),
    problem: (p) => {
      throw new Error(p.message);
    },
    skipped: () => undefined,
  });
  return out;
}
