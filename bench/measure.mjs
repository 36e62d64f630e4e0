// Usage: BENCH_RSS_FD=3 node bench/measure.mjs <script> [args...]
// Runs <script> in this process and, when the process exits, writes its peak
// RSS in KiB to the file descriptor named by BENCH_RSS_FD. Node cannot read a
// child's rusage, so the child reports its own.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const fd = Number(process.env.BENCH_RSS_FD);
if (!Number.isInteger(fd) || fd < 0) throw new Error('BENCH_RSS_FD must name an open file descriptor');
const [script, ...args] = process.argv.slice(2);
if (!script) throw new Error('Usage: BENCH_RSS_FD=3 node bench/measure.mjs <script> [args...]');

process.on('exit', () => writeSync(fd, String(process.resourceUsage().maxRSS)));
// The script sees the argv it would get if node ran it directly.
const file = path.resolve(script);
process.argv = [process.argv[0], file, ...args];
// A CommonJS script (the CLI bundle) is required, as node would load it, not
// imported: the ES module loader's copy of it would count in its peak RSS.
try {
  createRequire(import.meta.url)(file);
} catch (err) {
  if (err?.code !== 'ERR_REQUIRE_ESM') throw err;
  await import(pathToFileURL(file).href);
}
