import path from 'node:path';
import type { LintResult } from '../engine/result.js';

/**
 * The same result with every file path (findings, their related locations,
 * files, resources, skipped documents) made relative to `to` instead of
 * `from`, with '/' separators. Pseudo-files such as '<stdin>' stay as they
 * are. Reports that a repository host reads (SARIF, GitHub annotations,
 * Markdown links) need paths from the repository root, while the run itself
 * (config globs, overrides, the terminal) works from the working directory.
 */
export function relocateResult<T extends LintResult>(result: T, from: string, to: string): T {
  const source = path.resolve(from);
  const target = path.resolve(to);
  if (source === target) return result;
  const cache = new Map<string, string>();
  const move = (file: string): string => {
    if (file.startsWith('<')) return file;
    let out = cache.get(file);
    if (out === undefined) {
      out = path.relative(target, path.resolve(source, file)).split(path.sep).join('/');
      cache.set(file, out);
    }
    return out;
  };
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      file: move(f.file),
      ...(f.related ? { related: f.related.map((r) => ({ ...r, file: move(r.file) })) } : {}),
    })),
    files: result.files.map(move),
    resources: result.resources.map((r) => ({ ...r, file: move(r.file) })),
    skipped: result.skipped.map((s) => ({ ...s, file: move(s.file) })),
  };
}
