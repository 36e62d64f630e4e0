import { Linter } from '@kubecomply/core';
import { UsageError, type CliArgs } from '../command-line/args.js';
import { BUILTIN_PLUGINS, loadPlugins } from '../command-line/plugins.js';
import type { Io } from '../command-line/io.js';

/** `kubecomply rules`: every rule with its severity and the controls it maps to, those of --plugin packages included. */
export async function rulesCommand(args: CliArgs, io: Io): Promise<number> {
  const extra = await loadPlugins(args.plugins.map((name) => ({ name, from: io.cwd, where: '--plugin' })));
  const linter = new Linter({ plugins: [...BUILTIN_PLUGINS, ...extra], frameworks: args.frameworks, cwd: io.cwd });
  const rules = linter.rules;
  if (args.format === 'json') {
    io.stdout(JSON.stringify({ rules }, null, 2) + '\n');
    return 0;
  }
  if (args.format !== 'stylish') throw new UsageError(`Unknown format "${args.format}" for rules. Formats: stylish, json.`);
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const byFramework = new Map<string, string[]>();
    for (const c of r.controls) {
      let ids = byFramework.get(c.framework);
      if (!ids) byFramework.set(c.framework, (ids = []));
      ids.push(c.id);
    }
    const controls = [...byFramework].map(([fw, ids]) => `${fw} ${ids.join(', ')}`).join('; ');
    return `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.plugin.padEnd(21)}  ${controls || '-'}`;
  });
  io.stdout(`${'RULE'.padEnd(idWidth)}  SEVERITY ${'PACKAGE'.padEnd(22)} CONTROLS\n${lines.join('\n')}\n`);
  return 0;
}
