import { github } from './github.js';
import { html, htmlChunks } from './html.js';
import { json, jsonChunks } from './json.js';
import { junit, junitChunks } from './junit.js';
import { markdown } from './markdown.js';
import { sarif, sarifChunks } from './sarif.js';
import { stylish } from './stylish.js';
import type { ChunkedFormatter, Formatter } from './types.js';

/** Every output format by name: `FORMATTERS.sarif(result, options)`. */
export const FORMATTERS = Object.freeze({ stylish, json, sarif, junit, github, markdown, html }) satisfies Readonly<Record<string, Formatter>>;

/** The name of an output format. */
export type FormatName = keyof typeof FORMATTERS;

/** Whether `name` is an output format (for names read from a command line or a config). */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

/** Formats that can also be written piece by piece (same bytes as FORMATTERS gives). */
export const CHUNKED_FORMATTERS: Readonly<Partial<Record<FormatName, ChunkedFormatter>>> = {
  json: jsonChunks,
  sarif: sarifChunks,
  junit: junitChunks,
  html: htmlChunks,
};
