// Loading YAML that a person wrote (rules, playbooks, clausemap.yaml) with zod validation and errors that
// point at file:line:col. Problems are collected, not thrown one at a time. A key the schema does not know
// is reported where it is written, with the known key it is most likely a misspelling of.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter as LineCounterT } from 'yaml';
import type { z } from 'zod';
import { cachedValue, keepValue } from './package-cache.js';

/** The YAML parser, loaded when a file is parsed (a process whose files are all kept never loads it). */
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export interface LoadProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface Position {
  line: number;
  col: number;
}

/** Where a value is written: `at(path)`; where the key of its last step is written: `at(path, 'key')`. */
export type Locate = (path: ReadonlyArray<PropertyKey>, what?: 'key') => Position;

export type LoadResult<T> = { ok: true; value: T; at: Locate } | { ok: false; problems: LoadProblem[] };

function locator(doc: Document, lc: LineCounterT): Locate {
  const { isMap, isNode, isScalar } = yaml();
  const pos = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  return (path, what) => {
    if (what === 'key' && path.length) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
      const last = String(path[path.length - 1]);
      const pair = isMap(parent)
        ? parent.items.find((it) => isScalar(it.key) && String(it.key.value) === last)
        : undefined;
      if (isNode(pair?.key) && pair.key.range) return pos(pair.key.range[0]);
    }
    // walk down as far as the path exists; report the deepest node found
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return pos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
}

/** The keys an object of `schema` may have at `path` (through optional, record, array and union steps). */
function knownKeys(schema: z.ZodTypeAny, path: ReadonlyArray<PropertyKey>): string[] {
  type Def = {
    type: string;
    shape?: Record<string, z.ZodTypeAny>;
    innerType?: z.ZodTypeAny;
    valueType?: z.ZodTypeAny;
    element?: z.ZodTypeAny;
    options?: z.ZodTypeAny[];
    in?: z.ZodTypeAny;
  };
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const inner = def.innerType ?? def.in;
  if (inner) return knownKeys(inner, path);
  if (def.options) return def.options.flatMap((o) => knownKeys(o, path));
  if (!path.length) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
  const [step, ...rest] = path;
  if (def.type === 'object' && def.shape) {
    const next = def.shape[String(step)];
    return next ? knownKeys(next, rest) : [];
  }
  const item = def.valueType ?? def.element;
  return item ? knownKeys(item, rest) : [];
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known word `word` is most likely a misspelling of: within two edits (one per six characters of a
 *  long word), else the one that shares the longest beginning with it (at least four characters, or half
 *  of it); undefined when none is close. */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of new Set(known)) {
    const kl = k.toLowerCase();
    const d = levenshtein(w, kl);
    let prefix = 0;
    while (prefix < w.length && prefix < kl.length && w[prefix] === kl[prefix]) prefix++;
    const score =
      d <= Math.max(2, Math.floor(w.length / 6))
        ? d
        : prefix >= Math.min(kl.length, Math.max(4, Math.ceil(w.length / 2)))
          ? 100 - prefix
          : Infinity;
    if (score < bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or nothing when no known word is close. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const c = closest(word, known);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

function parse(text: string): [Document, LineCounterT] {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  return [parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }), lc];
}

/** The largest YAML file read (configuration, playbooks and rules are a few kilobytes). */
export const MAX_YAML_BYTES = 1 << 20;

/**
 * A file a person wrote, read as text without trusting it: opened without blocking (a named pipe would
 * wait forever), refused unless it is a regular file (a device such as /dev/zero never ends), and read no
 * further than `max` bytes. Throws an Error whose message is the sentence to show after the file name.
 */
export function readTextCapped(file: string, max = MAX_YAML_BYTES): string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file (a pipe, a device or a folder); give a YAML file');
    if (st.size > max) throw new Error(`larger than ${max / 1024} KB; this is not a clausemap YAML file`);
    const buf = Buffer.alloc(Math.min(st.size, max) + 1);
    let n = 0;
    for (let got; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += got;
    if (n > max) throw new Error(`larger than ${max / 1024} KB; this is not a clausemap YAML file`);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Where the first alias of a document is written (an alias bomb is reported there). */
function firstAlias(doc: Document, lc: LineCounterT): Position {
  const { visit } = yaml();
  let at: Position = { line: 1, col: 1 };
  visit(doc, {
    Alias(_, node) {
      if (node.range) at = lc.linePos(node.range[0]);
      return visit.BREAK;
    },
  });
  return at;
}

export function loadYaml<S extends z.ZodTypeAny>(file: string, schema: S, source?: string): LoadResult<z.infer<S>> {
  let text: string;
  try {
    text = source ?? readTextCapped(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ? `cannot read: ${(e as Error).message}` : (e as Error).message;
    return { ok: false, problems: [{ file, line: 0, col: 0, message: why }] };
  }
  // a file of the package's rules, as an earlier process checked it: positions are found only if asked for
  const kept = cachedValue(file, text);
  if (kept) {
    let at: Locate | undefined;
    return {
      ok: true,
      value: kept.value as z.infer<S>,
      at: (p, what) => {
        at ??= locator(...parse(text));
        return at(p, what);
      },
    };
  }
  const [doc, lc] = parse(text);
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const p = lc.linePos(e.pos[0]);
        return { file, line: p.line, col: p.col, message: e.message.split('\n')[0]! };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // an alias bomb ("billion laughs"), or an alias to nothing: the file's mistake, shown where it starts
    return { ok: false, problems: [{ file, ...firstAlias(doc, lc), message: (e as Error).message.split('\n')[0]! }] };
  }
  const at = locator(doc, lc);
  const r = schema.safeParse(data);
  if (r.success) {
    keepValue(file, text, r.data);
    return { ok: true, value: r.data, at };
  }
  return {
    ok: false,
    problems: r.error.issues
      .flatMap((i) => {
        const where = i.path.length ? `${i.path.join('.')}: ` : '';
        if (i.code === 'unrecognized_keys') {
          const known = knownKeys(schema, i.path);
          return i.keys.map((k) => ({
            file,
            ...at([...i.path, k], 'key'),
            message: `${where}unknown key "${k}"${didYouMean(k, known)}`,
          }));
        }
        return [{ file, ...at(i.path), message: where + i.message }];
      })
      .sort(byPosition),
  };
}

/** Problems of one file in the order a person reads it. */
export const byPosition = (a: LoadProblem, b: LoadProblem): number => a.line - b.line || a.col - b.col;

export function formatProblem(p: LoadProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}
