// The shipped clause rules in a form that is cheap to load. Reading the YAML and checking it against the
// schema is most of the cost of starting a run (every process that analyses documents loads the rules), so
// once the rules have loaded without a problem, what the schema gave for each file is kept as JSON under
// dist/.cache, named by a content hash of every rule file, the loading code and the extractors. The next
// process that finds a file under the same hash builds the rules from it, with the same result; any change
// to a rule, to the loading code or to the package gives another hash, and the YAML is read again.
// The cache lies beside the compiled code and is as trusted as it: only the package's own rules folder is
// cached, never a folder given at run time.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLAUSE_RULES_DIR, PACKAGE_ROOT, VERSION } from '../paths.js';

const CACHE_DIR = path.join(PACKAGE_ROOT, 'dist', '.cache');
const PREFIX = 'clause-rules-';

/** One rule file as the schema gave it, by its path relative to the rules folder. */
export interface CompiledRuleFile<Spec> {
  rel: string;
  spec: Spec;
}

/** The cache's name for these rule files read by this code, or undefined for a folder that is not cached. */
export function compiledRulesKey(
  dir: string,
  files: readonly string[],
  code: readonly (string | Buffer)[],
): string | undefined {
  if (path.resolve(dir) !== path.resolve(CLAUSE_RULES_DIR)) return undefined;
  const h = createHash('sha256').update(VERSION).update('\0');
  for (const c of code) h.update(c).update('\0');
  try {
    for (const f of files) h.update(path.relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  } catch {
    return undefined;
  }
  return h.digest('hex').slice(0, 24);
}

const fileOf = (key: string) => path.join(CACHE_DIR, `${PREFIX}${key}.json`);

export function readCompiledRules<Spec>(key: string): CompiledRuleFile<Spec>[] | undefined {
  try {
    const v = JSON.parse(readFileSync(fileOf(key), 'utf8')) as { key?: string; files?: CompiledRuleFile<Spec>[] };
    return v.key === key && Array.isArray(v.files) ? v.files : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the rules for the next process (best effort: a package folder that cannot be written keeps none). */
export function writeCompiledRules<Spec>(key: string, files: readonly CompiledRuleFile<Spec>[]): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${fileOf(key)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, files }));
    renameSync(tmp, fileOf(key));
    for (const f of readdirSync(CACHE_DIR))
      if (f.startsWith(PREFIX) && f !== path.basename(fileOf(key)) && !f.endsWith('.tmp'))
        rmSync(path.join(CACHE_DIR, f), { force: true });
  } catch {
    // only a cache
  }
}
