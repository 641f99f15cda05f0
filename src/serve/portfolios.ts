// The portfolios of `clausemap serve`, kept in the data folder: one folder per portfolio, named by a
// generated id, holding portfolio.json (its name and its files' display names), files/ (each upload under
// a generated name: a client's file name is never a path) and the term database. Writes are whole-file
// renames, so a crash never leaves half a portfolio.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const StoredFileSchema = z.object({
  /** generated; the file is files/<id>.<ext> */
  id: z.string().regex(/^[a-f0-9]{16}$/),
  /** the name the client gave (with its folder, for a dropped folder): shown, escaped, never a path */
  name: z.string(),
  /** the extension of `name`, lower case, when it is short letters and digits (ingest reads it alongside the
   *  bytes, as the command line does); else "bin" */
  ext: z.string().regex(/^[a-z0-9]{1,10}$/),
  bytes: z.number().int().nonnegative(),
  added: z.string(),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;

export const PortfolioSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{16}$/),
  name: z.string(),
  created: z.string(),
  files: z.array(StoredFileSchema),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;

export const ID = /^[a-f0-9]{16}$/;
export const newId = (): string => randomBytes(8).toString('hex');

/** The default data folder: $XDG_DATA_HOME/clausemap, else ~/.local/share/clausemap. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  return path.join(base ?? path.join(os.homedir(), '.local', 'share'), 'clausemap');
}

/** The extension a stored file keeps: the client's, when it is plain; never a path part. */
export function safeExt(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : 'bin';
}

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export class PortfolioStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(path.resolve(dataDir), 'portfolios');
    mkdirSync(this.root, { recursive: true });
  }

  dir(id: string): string {
    if (!ID.test(id)) throw new Error(`not a portfolio id: ${id}`);
    return path.join(this.root, id);
  }

  filesDir(id: string): string {
    return path.join(this.dir(id), 'files');
  }

  /** A scratch folder inside the portfolio (uploads on their way in, drafts being checked). */
  scratch(id: string): string {
    const d = path.join(this.dir(id), 'tmp', newId());
    mkdirSync(d, { recursive: true });
    return d;
  }

  dbFile(id: string): string {
    return path.join(this.dir(id), 'terms.db');
  }

  pathOf(id: string, f: StoredFile): string {
    return path.join(this.filesDir(id), `${f.id}.${f.ext}`);
  }

  create(name: string): Portfolio {
    const p: Portfolio = { id: newId(), name, created: new Date().toISOString(), files: [] };
    mkdirSync(this.filesDir(p.id), { recursive: true });
    this.save(p);
    return p;
  }

  get(id: string): Portfolio | undefined {
    if (!ID.test(id)) return undefined;
    try {
      const r = PortfolioSchema.safeParse(JSON.parse(readFileSync(path.join(this.dir(id), 'portfolio.json'), 'utf8')));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  }

  list(): Portfolio[] {
    let names: string[];
    try {
      names = readdirSync(this.root);
    } catch {
      return [];
    }
    return names
      .map((n) => this.get(n))
      .filter((p): p is Portfolio => !!p)
      .sort((a, b) => a.created.localeCompare(b.created));
  }

  save(p: Portfolio): void {
    writeAtomic(path.join(this.dir(p.id), 'portfolio.json'), JSON.stringify(p, null, 2) + '\n');
  }

  delete(id: string): boolean {
    if (!this.get(id)) return false;
    // renamed away first, so a half-deleted portfolio never lists
    const gone = path.join(this.root, `.deleted-${id}-${newId()}`);
    renameSync(this.dir(id), gone);
    rmSync(gone, { recursive: true, force: true });
    return true;
  }

  totalBytes(p: Portfolio): number {
    return p.files.reduce((s, f) => s + f.bytes, 0);
  }

  /** Writes a sidecar file of the portfolio (the report, a contract's text) whole. */
  writeSidecar(id: string, name: string, data: string): void {
    writeAtomic(path.join(this.dir(id), name), data);
  }

  readSidecar(id: string, name: string): string | undefined {
    try {
      return readFileSync(path.join(this.dir(id), name), 'utf8');
    } catch {
      return undefined;
    }
  }
}
