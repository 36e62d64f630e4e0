import { github } from './github.js';
import { html } from './html.js';
import { json, jsonChunks } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { ChunkedFormatter, Formatter } from './types.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, junit, github, markdown, html };

/** Formats that can also be written piece by piece (same bytes as FORMATTERS gives). */
export const CHUNKED_FORMATTERS: Readonly<Record<string, ChunkedFormatter>> = { json: jsonChunks };
