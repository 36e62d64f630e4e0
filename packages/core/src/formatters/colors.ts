import { createColors } from 'picocolors';

type Colors = ReturnType<typeof createColors>;

/** Every style as String: what picocolors gives with colors off. */
const NO_COLORS = new Proxy({} as Colors, { get: (_, key) => (key === 'isColorSupported' ? false : String) });

/**
 * picocolors' styles, or none. With colors off, picocolors is not loaded at
 * all: loading it reads process.stdout, which makes Node build the stream
 * and load its modules, a few milliseconds of a one-file run whose report
 * goes to a pipe or a file (docs/performance.md, "Start-up").
 */
export function colors(enabled: boolean): Colors {
  return enabled ? createColors(true) : NO_COLORS;
}
