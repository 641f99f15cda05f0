// The report of a portfolio names its files as the client did: the pipeline reads each upload under its
// generated path, and every mention of that path in the report (file fields, document lists, messages) is
// put back to the file's display name. Display names are made unique ("a.pdf", "a (2).pdf"), since the
// report tells contracts apart by name. Pure.
import path from 'node:path';
import type { Report } from '../schema.js';

export interface NamedPath {
  /** the path the pipeline was given */
  path: string;
  /** the name the client gave */
  name: string;
  /** the stored file's id */
  id: string;
}

/** Unique display names, in the order given: a repeated name gets " (2)", " (3)" before its extension. */
export function uniqueNames(files: readonly { name: string }[]): string[] {
  const used = new Set<string>();
  return files.map(({ name }) => {
    const base = name.trim() || 'unnamed';
    let n = base;
    for (let k = 2; used.has(n); k++) {
      const ext = path.extname(base);
      n = `${base.slice(0, base.length - ext.length)} (${k})${ext}`;
    }
    used.add(n);
    return n;
  });
}

function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/** The report with every stored path replaced by its display name, and every mention of a stored file's
 *  own name (messages name files by their base name) by the display name's base name. */
export function withDisplayNames(report: Report, named: readonly NamedPath[]): Report {
  const pairs: [string, string][] = [
    ...named.map((n): [string, string] => [n.path, n.name]),
    ...named.map((n): [string, string] => [path.basename(n.path), path.basename(n.name.replace(/\\/g, '/')) || n.name]),
  ];
  return mapStrings(report, (s) => {
    let out = s;
    for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  }) as Report;
}
