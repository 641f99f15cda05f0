// The package's own YAML (the clause and portfolio rules, the playbook), kept checked. Parsing YAML and
// checking it against its schema is most of the cost of starting a run: every process that analyses
// documents loads the clause rules, and the CLI loads the portfolio rules and the playbook too. Once a file
// of the package's rules/ folder has loaded without a problem, what its schema gave is kept as JSON in
// dist/.cache/yaml/<build>/, named by a hash of the file's path and bytes; <build> is a hash of the version
// and of the name, size and modification time of every compiled file. The next process reads that instead.
// Any change to the file gives another name, and a new build another folder (the first process of a build
// removes the folders of the builds before). The cache is not packed (package.json "files"); it lies beside
// the compiled code and is as trusted as it. Files outside rules/ (clausemap.yaml, a --playbook of the
// user's) and code run from the TypeScript sources (tests) are never cached.
//
// The clause model (models/clause-model.json) is kept the same way in its compiled form (dist/.cache/model/
// <build>/), named by a hash of the file's path, size and modification time: the file is 3 MB, and hashing its
// bytes in every process would cost what the compiled form saves.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS_DIR, PACKAGE_ROOT, RULES_DIR, VERSION } from './paths.js';

const DIST = path.join(PACKAGE_ROOT, 'dist');
const CACHE_DIR = path.join(DIST, '.cache', 'yaml');
const MODEL_CACHE_DIR = path.join(DIST, '.cache', 'model');
const COMPILED = fileURLToPath(import.meta.url).startsWith(DIST + path.sep);

let digest: string | undefined;
/** One build's code: the name, size and time of every compiled file (a build writes every file again, so
 *  each build gets its own digest; reading the stats costs a few milliseconds, reading the files ten times
 *  that, in every process). */
function codeDigest(): string {
  if (digest === undefined) {
    const h = createHash('sha256').update(`${VERSION}\0`);
    const files = (readdirSync(DIST, { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).sort();
    for (const f of files) {
      const st = statSync(path.join(DIST, f));
      h.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
    }
    digest = h.digest('hex');
  }
  return digest;
}

/** Where the checked value of `file` with these bytes is kept, or undefined for a file that is not cached. */
function cacheFile(file: string, text: string): string | undefined {
  const abs = path.resolve(file);
  if (!COMPILED || !abs.startsWith(RULES_DIR + path.sep)) return undefined;
  try {
    const key = createHash('sha256').update(path.relative(PACKAGE_ROOT, abs)).update('\0').update(text).digest('hex');
    return path.join(CACHE_DIR, codeDigest().slice(0, 16), `${key.slice(0, 32)}.json`);
  } catch {
    return undefined;
  }
}

/** The value kept for this file and text, if any. */
export function cachedValue(file: string, text: string): { value: unknown } | undefined {
  const at = cacheFile(file, text);
  if (!at) return undefined;
  try {
    return { value: JSON.parse(readFileSync(at, 'utf8')) as unknown };
  } catch {
    return undefined;
  }
}

/** Keeps the checked value for the next process (best effort: a package that cannot be written keeps none). */
export function keepValue(file: string, text: string, value: unknown): void {
  const at = cacheFile(file, text);
  if (at) keep(CACHE_DIR, at, JSON.stringify(value));
}

/** Writes `at` (in a folder of this build under `root`, whose other builds' folders go) through a temporary file. */
function keep(root: string, at: string, data: string | readonly Uint8Array[]): void {
  try {
    const dir = path.dirname(at);
    if (!existsSync(dir)) {
      if (existsSync(root))
        for (const old of readdirSync(root)) rmSync(path.join(root, old), { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    const tmp = `${at}.${process.pid}.tmp`;
    writeFileSync(tmp, typeof data === 'string' ? data : Buffer.concat(data));
    renameSync(tmp, at);
  } catch {
    // only a cache
  }
}

/** Where the compiled form of a model file as it is now is kept, or undefined for a file that is not cached. */
function modelCacheFile(file: string): string | undefined {
  const abs = path.resolve(file);
  if (!COMPILED || !abs.startsWith(MODELS_DIR + path.sep)) return undefined;
  try {
    const st = statSync(abs);
    const key = createHash('sha256')
      .update(`${path.relative(PACKAGE_ROOT, abs)}\0${st.size}\0${st.mtimeMs}`)
      .digest('hex');
    return path.join(MODEL_CACHE_DIR, codeDigest().slice(0, 16), `${key.slice(0, 32)}.bin`);
  } catch {
    return undefined;
  }
}

/** The compiled form kept for this model file, if any. */
export function keptModel(file: string): Buffer | undefined {
  const at = modelCacheFile(file);
  if (!at) return undefined;
  try {
    return readFileSync(at);
  } catch {
    return undefined;
  }
}

/** Keeps a model file's compiled form for the next process (best effort). */
export function keepModel(file: string, bytes: readonly Uint8Array[]): void {
  const at = modelCacheFile(file);
  if (at) keep(MODEL_CACHE_DIR, at, bytes);
}
