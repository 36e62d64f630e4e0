// Where the third-party corpus is: ../shared beside the checkout (as CI lays
// it), or KUBECOMPLY_SHARED. A fresh clone has none: the tests that need it
// skip, and test/support/global-setup.ts prints one line naming them.
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The shared folder: reference documents and the corpus. */
export const SHARED = path.resolve(repoRoot, process.env['KUBECOMPLY_SHARED'] ?? '../shared');

/** The corpus of third-party manifests and other linters' fixtures. */
export const CORPUS = path.join(SHARED, 'corpus');

/** Whether the corpus is there; tests that read it run only then (`describe.runIf(HAS_CORPUS)`). */
export const HAS_CORPUS = existsSync(CORPUS);

/** A path inside the corpus. */
export function corpusPath(...parts: string[]): string {
  return path.join(CORPUS, ...parts);
}

/** A path inside the shared reference folder (schemas, catalogs). */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}
