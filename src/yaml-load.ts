// Loading YAML that a person wrote (rules, playbooks, clausemap.yaml) with zod validation and errors that
// point at file:line. Problems are collected, not thrown one at a time.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

export interface LoadProblem { file: string; line: number; col: number; message: string }

export type LoadResult<T> = { ok: true; value: T } | { ok: false; problems: LoadProblem[] };

function position(doc: Document, lc: LineCounter, path: ReadonlyArray<PropertyKey>): { line: number; col: number } {
  // walk down as far as the path exists; report the deepest node found
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const p = lc.linePos(node.range[0]);
      return { line: p.line, col: p.col };
    }
  }
  return { line: 1, col: 1 };
}

export function loadYaml<S extends z.ZodTypeAny>(file: string, schema: S, source?: string): LoadResult<z.infer<S>> {
  let text: string;
  try {
    text = source ?? readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ file, line: 0, col: 0, message: `cannot read: ${(e as Error).message}` }] };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const p = lc.linePos(e.pos[0]);
        return { file, line: p.line, col: p.col, message: e.message.split('\n')[0]! };
      }),
    };
  }
  const data = doc.toJS({ maxAliasCount: 50 });
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: r.error.issues.map((i) => {
      const p = position(doc, lc, i.path);
      const where = i.path.length ? `${i.path.join('.')}: ` : '';
      return { file, line: p.line, col: p.col, message: where + i.message };
    }),
  };
}

export function formatProblem(p: LoadProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}
