// `pnpm check:packages` (part of `pnpm test`): packs every published package
// as it would be published and checks each tarball with publint (--strict:
// warnings fail too) and, for the packages with types, Are the Types Wrong
// (every entry point under node10, node16 from CommonJS and from ESM, and
// bundler resolution). Run after `pnpm build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packPackages } from './pack-packages.mjs';

const bin = (name) => path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', name);

const dest = mkdtempSync(path.join(os.tmpdir(), 'kubecomply-check-packages-'));
let failed = 0;
try {
  const tarballs = packPackages(dest);
  for (const [folder, tgz] of Object.entries(tarballs)) {
    const checks = [['publint', ['run', tgz, '--strict']]];
    // The command's package has a bin and no library entry, so no types for attw to check.
    if (!folder.endsWith('/cli')) checks.push(['attw', [tgz, '--format', 'ascii', '--no-color', '--no-emoji']]);
    for (const [name, args] of checks) {
      const out = spawnSync(bin(name), args, { encoding: 'utf8' });
      const ok = out.status === 0;
      if (!ok) failed++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} ${folder}`);
      if (!ok) console.log(`${out.stdout}${out.stderr}`.trim().replace(/^/gm, '     '));
    }
  }
} finally {
  rmSync(dest, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`check:packages: ${failed} check${failed === 1 ? '' : 's'} failed.`);
  process.exit(1);
}
