/**
 * ajv, built as a file of its own beside the command's bundle (dist/ajv.js),
 * which command-line/ajv.ts requires when a run has config checks
 * (tsup.lazy.ts, ajvBesideBundle).
 */
export { Ajv } from 'ajv';
