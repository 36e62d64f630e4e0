import { randomUUID } from 'node:crypto';
import { appendFileSync, statSync } from 'node:fs';
import { escapeGithubData } from '@kubecomply/core';

/**
 * The runner's file-command protocol, written directly rather than through
 * @actions/core (1 MB bundled for these few lines): outputs go to
 * GITHUB_OUTPUT as `name<<delimiter` blocks, the job summary to
 * GITHUB_STEP_SUMMARY, messages to the log as workflow commands.
 */

/** GitHub uploads nothing of a step summary above 1 MiB. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Output names the runner accepts: a letter or '_', then letters, digits, '-' and '_'. */
export function outputName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `_${clean}`;
}

/** One output in the multi-line form, with a delimiter that cannot occur in the value. */
export function formatOutput(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  return `${outputName(name)}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export function writeOutputs(file: string | undefined, outputs: Readonly<Record<string, string>>): void {
  const text = Object.entries(outputs)
    .map(([name, value]) => formatOutput(name, value))
    .join('');
  // Outside a runner (a local try) the outputs go to the log instead.
  if (file) appendFileSync(file, text, 'utf8');
}

/**
 * Appends Markdown to the step summary, cut to fit what is left of the
 * 1 MiB the runner uploads (it drops the whole summary above that).
 */
export function writeSummary(file: string | undefined, markdown: string): void {
  if (!file) return;
  const used = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  appendFileSync(file, fitSummary(markdown, STEP_SUMMARY_LIMIT - used), 'utf8');
}

/** The text whole when it fits in `budget` UTF-8 bytes, else cut at a line with a note saying so. */
export function fitSummary(markdown: string, budget: number): string {
  if (Buffer.byteLength(markdown, 'utf8') <= budget) return markdown;
  const note = '\n\n> [!NOTE]\n> The rest of this summary was cut: GitHub keeps at most 1 MiB per step. The SARIF file has every finding.\n';
  let room = budget - Buffer.byteLength(note, 'utf8');
  if (room <= 0) return '';
  const lines = markdown.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (size > room) break;
    kept.push(line);
    room -= size;
  }
  return kept.join('\n') + note;
}

/** `::error::message` for the log; the message is escaped so it stays one command. */
export function errorCommand(message: string): string {
  return `::error::${escapeGithubData(message)}\n`;
}

/**
 * A plain log line made inert: the runner strips leading whitespace and runs
 * any line that then starts with `::`, and legacy `##[` commands anywhere.
 */
export function logLine(text: string): string {
  return `${text
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)::/, '$1: :')
    .replace(/##\[/g, '##\u200b[')}\n`;
}
