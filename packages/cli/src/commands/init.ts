import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES, CONFIG_TEMPLATE } from '@kubecomply/core';
import { UsageError, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';

/** `kubecomply init`: writes a commented starting .kubecomply.yaml in the working directory. */
export function initCommand(args: CliArgs, io: Io): number {
  const target = path.join(io.cwd, '.kubecomply.yaml');
  const existing = CONFIG_FILE_NAMES.filter((name) => existsSync(path.join(io.cwd, name)));
  if (existing.length > 0 && !args.force) {
    throw new UsageError(`${existing.join(' and ')} already exists here; run "kubecomply init --force" to replace it with a new .kubecomply.yaml.`);
  }
  if (args.force && existing.some((name) => name !== '.kubecomply.yaml')) {
    throw new UsageError(
      `${existing.filter((n) => n !== '.kubecomply.yaml').join(' and ')} exists here; remove it first, since only one config file may be in a directory.`,
    );
  }
  writeFileSync(target, CONFIG_TEMPLATE);
  io.stdout(`Wrote ${path.relative(io.cwd, target)}.\n`);
  return 0;
}
