import jsYaml from 'js-yaml';
import { formatCount } from '../base/count.js';
import { KUBERNETES_SCHEMA } from './schema.js';

/**
 * The deepest nesting read. The value is parsed near the top of the stack,
 * but positions are found later, from deep inside the engine, where the same
 * recursion ran out of stack at about 2,800 levels (1,000 nested Lists):
 * the run ended in an internal error. Capping the depth at the first parse
 * makes such a document a parse error instead. Real manifests, CRD schemas
 * included, nest a few dozen levels.
 */
export const MAX_NESTING_DEPTH = 1_000;

/** The one message for a document nested past MAX_NESTING_DEPTH, however that was found. */
export const TOO_DEEP = `the document nests more than ${formatCount(MAX_NESTING_DEPTH)} levels deep`;

/** Thrown from the listener to stop js-yaml where the nesting goes too deep. */
class Stop {
  constructor(readonly offset: number) {}
}

/**
 * Where `text` first nests more than MAX_NESTING_DEPTH levels deep as
 * js-yaml reads it: the offset of the first node it opens past that depth
 * (after any line break or space before it), or undefined when it never
 * goes that deep.
 *
 * A guard for the one recursion we do not own. js-yaml descends once or
 * twice per level (a node in block context is first tried as a mapping
 * key), and whether it runs out of stack before our own check sees the
 * value depends on how much stack the caller left and on whether V8 has
 * optimised it yet: 1,000 nested Lists were refused with one message or
 * another from run to run. Its node listener sees every level open, and
 * this parse stops at the first one past the limit (js-yaml has stack for
 * about 1,600 from any caller), so every such document gets the same error
 * at the same place. Since every level of a value opens at least one node,
 * a value nested past the limit (without aliases) always stops it. Run only
 * once a document is known to be too deep or to have exhausted the stack:
 * it costs a second parse.
 */
export function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  const listener = (event: 'open' | 'close', state: { position: number }) => {
    if (event === 'close') depth -= 1;
    else if (++depth > MAX_NESTING_DEPTH) throw new Stop(state.position);
  };
  try {
    // `json` lets duplicate keys through: only the depth matters here.
    jsYaml.load(text, { schema: KUBERNETES_SCHEMA, json: true, listener } as jsYaml.LoadOptions);
  } catch (err) {
    if (err instanceof Stop) {
      let at = err.offset;
      for (let c = text.charCodeAt(at); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++at));
      return Math.min(at, text.length);
    }
  }
  return undefined;
}
