// Where a portfolio's term database lives: next to the portfolio (<folder>/.clausemap/terms.db) when
// that folder is writable, else in the user's cache folder under a name derived from the portfolio's
// path. A database that cannot be opened never stops a run: it goes on without one, and says so.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { StoreError, TermStore } from './index.js';

/** The folder a list of inputs is "the portfolio" of: the first folder given, else the first file's folder. */
export function portfolioDir(inputs: readonly string[]): string {
  let fileDir: string | undefined;
  for (const a of inputs) {
    try {
      const st = statSync(a);
      if (st.isDirectory()) return path.resolve(a);
      fileDir ??= path.resolve(path.dirname(a));
    } catch {
      // a missing input: try the next one
    }
  }
  return fileDir ?? process.cwd();
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

/** The places a portfolio's database may be, best first. */
export function candidateDbPaths(inputs: readonly string[]): string[] {
  const dir = portfolioDir(inputs);
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return [
    path.join(dir, '.clausemap', 'terms.db'),
    path.join(
      userCacheDir(),
      `terms-${path
        .basename(dir)
        .replace(/[^\w.-]+/g, '_')
        .slice(0, 40)}-${id}.db`,
    ),
  ];
}

export interface OpenedStore {
  store?: TermStore;
  warnings: string[];
}

/**
 * Opens the database for a run: `explicit` (from --db) if given, else the first candidate that can be
 * written. Never throws: when no database can be opened the run goes on without one.
 */
export function openStoreFor(inputs: readonly string[], explicit?: string): OpenedStore {
  const tries = explicit ? [explicit] : candidateDbPaths(inputs);
  const failures: string[] = [];
  for (const file of tries) {
    if (!writableDir(path.dirname(path.resolve(file)))) {
      failures.push(`${file}: the folder is read-only`);
      continue;
    }
    try {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      return { store: TermStore.open(file), warnings: [] };
    } catch (e) {
      failures.push(e instanceof StoreError ? e.message : `${file}: ${(e as Error).message}`);
    }
  }
  const what = explicit ? 'give --db a writable file' : 'give --db a writable file to keep the results';
  return {
    warnings: [
      `clausemap: no term database (${failures.join('; ')}); every document is analysed afresh and nothing is kept: ${what}.`,
    ],
  };
}

/** The existing database of a portfolio, for `clausemap terms`; undefined when there is none. */
export function findStoreFor(inputs: readonly string[]): string | undefined {
  return candidateDbPaths(inputs).find((f) => existsSync(f));
}
