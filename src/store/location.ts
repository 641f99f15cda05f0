// Where a portfolio's term database lives: in the user's cache folder (XDG_CACHE_HOME, else ~/.cache, then
// clausemap/), under a name derived from the portfolio folder's real path. Never in the portfolio folder:
// a database that arrives with a folder is the sender's, and what it says would be trusted as if
// clausemap had analysed the contracts itself (results are keyed by content hash and an analyser string
// anyone can compute). Keeping it in the cache also keeps clause text out of synced and shared folders.
// `--db FILE` names a database deliberately (to share one). A database that cannot be opened never stops a
// run: it goes on without one, and says so.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { terminalSafe } from '../names.js';
import { StoreError, TermStore } from './index.js';

/** A path with its links resolved as far as it exists (the rest appended): one folder, one name. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const up = path.dirname(abs);
    return up === abs ? abs : path.join(realPath(up), path.basename(abs));
  }
}

/** The folder a list of inputs is "the portfolio" of: the first folder given, else the first file's
 *  folder; its real path (links resolved), so that every way of naming it finds the same database. */
export function portfolioDir(inputs: readonly string[]): string {
  let fileDir: string | undefined;
  for (const a of inputs) {
    try {
      const st = statSync(a);
      if (st.isDirectory()) return realPath(a);
      fileDir ??= realPath(path.dirname(a));
    } catch {
      // a missing input: try the next one
    }
  }
  return fileDir ?? realPath(process.cwd());
}

export function userCacheDir(): string {
  const base =
    process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME)
      ? process.env.XDG_CACHE_HOME
      : path.join(homedir(), '.cache');
  return path.join(base, 'clausemap');
}

/**
 * Whether clausemap may write in a folder. The permission bits are honoured even where the process
 * could override them (root): a folder marked read-only is someone's archive, not a place to write.
 */
export function writableDir(dir: string): boolean {
  let d = path.resolve(dir);
  while (!existsSync(d)) {
    const up = path.dirname(d);
    if (up === d) return false;
    d = up;
  }
  try {
    const st = statSync(d);
    if (!st.isDirectory() || (st.mode & 0o222) === 0) return false;
    accessSync(d, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The portfolio's database in the user cache: one file per portfolio folder (by its real path). */
export function cacheDbPath(inputs: readonly string[]): string {
  const dir = portfolioDir(inputs);
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  const name = path
    .basename(dir)
    .replace(/[^\w.-]+/g, '_')
    .slice(0, 40);
  return path.join(userCacheDir(), `terms-${name}-${id}.db`);
}

/** The places a portfolio's database may be, best first (today one: the user cache). */
export function candidateDbPaths(inputs: readonly string[]): string[] {
  return [cacheDbPath(inputs)];
}

/** Why clausemap will not write a database at `file`, or undefined when it may: a link (writes would go
 *  wherever it points), something other than a file, or a file marked read-only (honoured even as root). */
export function refusedDbFile(file: string): string | undefined {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    let st;
    try {
      st = lstatSync(f);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) return `${f}: is a link; clausemap does not write a database through a link`;
    if (!st.isFile()) return `${f}: is not a regular file`;
    if ((st.mode & 0o222) === 0) return `${f}: is marked read-only`;
  }
  return undefined;
}

export interface OpenedStore {
  store?: TermStore;
  warnings: string[];
}

/**
 * Opens the database for a run: `explicit` (from --db) if given, else the portfolio's one in the user
 * cache (its folder made private to the user). Never throws: when no database can be opened the run goes
 * on without one. `warn` is told of a database error later in the run (the run then goes on without it).
 */
export function openStoreFor(
  inputs: readonly string[],
  explicit?: string,
  warn: (message: string) => void = (m) => process.stderr.write(`${terminalSafe(m)}\n`),
): OpenedStore {
  const file = explicit ?? cacheDbPath(inputs);
  const dir = path.dirname(path.resolve(file));
  let failure: string | undefined;
  if (!writableDir(dir)) failure = `${file}: the folder is read-only`;
  else failure = refusedDbFile(file);
  if (!failure) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return { store: TermStore.open(file, warn), warnings: [] };
    } catch (e) {
      failure = e instanceof StoreError ? e.message : `${file}: ${(e as Error).message}`;
    }
  }
  const what = explicit ? 'give --db a writable file' : 'give --db a writable file to keep the results';
  return {
    warnings: [
      terminalSafe(
        `clausemap: no term database (${failure}); every document is analysed afresh and nothing is kept: ${what}.`,
      ),
    ],
  };
}

/** The existing database of a portfolio, for `clausemap terms`; undefined when there is none. */
export function findStoreFor(inputs: readonly string[]): string | undefined {
  return candidateDbPaths(inputs).find((f) => existsSync(f));
}
