import { readFileSync } from 'node:fs';
import { YamlDocument } from '../parse/document.js';
import { LineIndex } from '../parse/lines.js';

/** A values file as Helm applies it to one chart: subcharts read their part under their name. */
export interface ValuesSource {
  /** Absolute path. */
  file: string;
  /** Keys above the chart's own values in this file (['redis-ha'] for a subchart's values in the parent's file). */
  prefix: readonly string[];
  /** True for the chart's own values.yaml (the defaults). */
  defaults: boolean;
}

export interface ValuesLocation {
  file: string;
  line: number;
  column: number;
  defaults: boolean;
}

interface Loaded {
  doc: YamlDocument;
  lines: LineIndex;
}

/** Reads values files once and finds keys in them. */
export class ValuesFiles {
  private readonly loaded = new Map<string, Loaded | null>();

  private load(file: string): Loaded | undefined {
    let l = this.loaded.get(file);
    if (l === undefined) {
      try {
        const text = readFileSync(file, 'utf8');
        l = { doc: YamlDocument.parse(text, { positions: true }), lines: new LineIndex(text) };
      } catch {
        l = null;
      }
      this.loaded.set(file, l);
    }
    return l ?? undefined;
  }

  /** Where each source writes `key` (only where the whole key exists). */
  locate(key: readonly string[], sources: readonly ValuesSource[]): ValuesLocation[] {
    const out: ValuesLocation[] = [];
    for (const s of sources) {
      const l = this.load(s.file);
      if (!l) continue;
      const full = [...s.prefix, ...key].map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      const hit = l.doc.locate(full);
      if (hit.depth !== full.length) continue;
      const pos = l.lines.position(hit.start);
      out.push({ file: s.file, line: pos.line, column: pos.column, defaults: s.defaults });
    }
    return out;
  }

  /** The value Helm would use for `key`: the last source (in layering order) that sets it. */
  value(key: readonly string[], sources: readonly ValuesSource[]): unknown {
    let found: unknown;
    for (const s of sources) {
      const l = this.load(s.file);
      if (!l) continue;
      let v: unknown = l.doc.value;
      for (const k of [...s.prefix, ...key]) {
        if (v === null || typeof v !== 'object') {
          v = undefined;
          break;
        }
        v = (v as Record<string, unknown>)[k];
      }
      if (v !== undefined) found = v;
    }
    return found;
  }

  /** Whether any source holds `key` with a value under it named `child`. */
  has(key: readonly string[], sources: readonly ValuesSource[]): boolean {
    return this.locate(key, sources).length > 0;
  }
}

/** `a.b["x.y"].0` for a values path. */
export function formatValuesKey(path: readonly string[]): string {
  return path.map((k, i) => (/^[A-Za-z_$][\w-]*$/.test(k) || /^\d+$/.test(k) ? (i === 0 ? k : `.${k}`) : `[${JSON.stringify(k)}]`)).join('');
}
