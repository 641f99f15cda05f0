// The term database: one SQLite file (better-sqlite3, WAL) that remembers, per document content
// (SHA-256) and analyser version, what analysing it gave — the whole DocumentResult for exact reuse,
// and its clauses and attribute values as rows to query. Every document is committed in its own
// transaction, so a run that is killed leaves a database the next run continues from.
// It also keeps, per portfolio, the last result of the cross-contract stage under a digest of everything
// that stage read, so an audit of an unchanged portfolio does not run the checks again.
import Database from 'better-sqlite3';
import type { DocumentResult, ErrorCode } from '../schema.js';
import { DocumentResultSchema } from '../schema.js';

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  analyzer TEXT NOT NULL,           -- rules version + analysis code version
  rules_version TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT,
  kind TEXT,
  pages INTEGER,
  bytes INTEGER,
  cap_timeout_ms INTEGER,           -- the caps a TOO_COMPLEX result was reached under
  cap_memory_mb INTEGER,
  result TEXT NOT NULL,             -- the DocumentResult as JSON, without the file's name
  analysed_at TEXT NOT NULL,
  UNIQUE (sha256, analyzer)
);
CREATE TABLE IF NOT EXISTS clauses (
  analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  category TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  page INTEGER,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  heading TEXT,
  text TEXT NOT NULL,
  attributes TEXT,                  -- JSON object, or NULL
  PRIMARY KEY (analysis_id, seq)
);
CREATE INDEX IF NOT EXISTS clauses_by_category ON clauses (category);
CREATE TABLE IF NOT EXISTS clause_values (
  analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,              -- JSON
  num REAL,                         -- the value, when it is a number
  PRIMARY KEY (analysis_id, seq, name)
);
CREATE INDEX IF NOT EXISTS clause_values_by_name ON clause_values (name, num);
CREATE TABLE IF NOT EXISTS documents (
  path TEXT PRIMARY KEY,            -- absolute path
  file TEXT NOT NULL,               -- the path as last given
  sha256 TEXT,
  size INTEGER,
  mtime_ns TEXT,
  ino INTEGER,
  analyzer TEXT,
  pages INTEGER,
  status TEXT NOT NULL,
  error_code TEXT,
  error_message TEXT,
  seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stage_results (
  scope TEXT PRIMARY KEY,           -- which run: the command and its inputs (one result kept per scope)
  digest TEXT NOT NULL,             -- everything the result depends on: documents, rules, config, code, date
  portfolio TEXT NOT NULL,          -- the portfolio summary as JSON
  made_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stage_findings (
  scope TEXT NOT NULL REFERENCES stage_results(scope) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  finding TEXT NOT NULL,            -- JSON, one finding a row: a large result is never one string
  PRIMARY KEY (scope, seq)
);
`;

/** What a file looked like when it was last seen (kept with its documents row). Never trusted in place of
 *  the content hash: a file rewritten in place with its size and mtime put back would keep its old result,
 *  and hashing costs little (0.3 s for the 78 MB of CUAD's 408 PDFs). */
export interface FileStamp {
  size: number;
  mtimeNs: string;
  ino: number;
}

/** The per-document caps of a run: a TOO_COMPLEX result is reused only under the same or tighter caps. */
export interface Caps {
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface StoreContext {
  analyzer: string;
  rulesVersion: string;
  caps: Caps;
}

/** Error codes that depend only on the file's bytes (and the analyser), so they can be reused. */
const CONTENT_ERRORS: ReadonlySet<string> = new Set<ErrorCode | 'NO_TEXT'>([
  'EMPTY_FILE',
  'UNSUPPORTED_TYPE',
  'LEGACY_DOC',
  'NOT_A_WORD_DOCUMENT',
  'ENCRYPTED_DOCUMENT',
  'CORRUPT_PDF',
  'CORRUPT_DOCX',
  'ARCHIVE_BOMB',
  'NO_TEXT_LAYER',
  'NO_TEXT',
  'TOO_COMPLEX',
  // what OCR and the converters conclude from the bytes (tools missing: another analyser version)
  'BLANK_SCAN',
  'ILLEGIBLE_SCAN',
  'CORRUPT_DOC',
  'CORRUPT_IMAGE',
]);

/** Whether a result may be stored and reused for the same bytes. */
export function reusable(r: DocumentResult): boolean {
  return r.status === 'ok' || (!!r.error && CONTENT_ERRORS.has(r.error.code));
}

export interface TermRow {
  file: string;
  path: string;
  sha256: string;
  page: number | null;
  category: string;
  ruleId: string;
  heading: string | null;
  start: number;
  end: number;
  text: string;
  values: Record<string, unknown> | null;
}

export interface DocumentRow {
  file: string;
  path: string;
  sha256: string | null;
  size: number | null;
  pages: number | null;
  status: string;
  errorCode: string | null;
  error: string | null;
}

interface AnalysisRow {
  id: number;
  result: string;
  error_code: string | null;
  cap_timeout_ms: number | null;
  cap_memory_mb: number | null;
}
interface DocRow {
  path: string;
  sha256: string | null;
  size: number | null;
  mtime_ns: string | null;
  ino: number | null;
  analyzer: string | null;
  status: string;
  pages: number | null;
  error_code: string | null;
  file: string;
}

export class StoreError extends Error {}

export class TermStore {
  private readonly st;
  /** set by the first database error after opening: from then on the run goes on without the database */
  private failed = false;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly writable = false,
  ) {
    this.st = {
      docByPath: db.prepare<DocRow>('SELECT * FROM documents WHERE path = ?'),
      analysis: db.prepare<AnalysisRow>(
        'SELECT id, result, error_code, cap_timeout_ms, cap_memory_mb FROM analyses WHERE sha256 = ? AND analyzer = ?',
      ),
      delAnalysis: db.prepare('DELETE FROM analyses WHERE sha256 = ? AND analyzer = ?'),
      insAnalysis:
        db.prepare(`INSERT INTO analyses (sha256, analyzer, rules_version, status, error_code, kind, pages, bytes,
        cap_timeout_ms, cap_memory_mb, result, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insClause:
        db.prepare(`INSERT INTO clauses (analysis_id, seq, category, rule_id, page, start, "end", heading, text, attributes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insValue: db.prepare(
        'INSERT OR REPLACE INTO clause_values (analysis_id, seq, name, value, num) VALUES (?, ?, ?, ?, ?)',
      ),
      upDoc:
        db.prepare(`INSERT INTO documents (path, file, sha256, size, mtime_ns, ino, analyzer, pages, status, error_code, error_message, seen_at)
        VALUES (@path, @file, @sha256, @size, @mtime_ns, @ino, @analyzer, @pages, @status, @error_code, @error_message, @seen_at)
        ON CONFLICT (path) DO UPDATE SET file = excluded.file, sha256 = excluded.sha256, size = excluded.size,
          mtime_ns = excluded.mtime_ns, ino = excluded.ino, analyzer = excluded.analyzer, pages = excluded.pages,
          status = excluded.status, error_code = excluded.error_code, error_message = excluded.error_message,
          seen_at = excluded.seen_at`),
    };
  }

  /**
   * Opens (creating if needed) a term database for writing. Throws StoreError with a sentence to show.
   * A database error after opening (a corrupt page, a malformed row, a lock held past the timeout, a full
   * disk) is never thrown: `warn` is told once, and the run goes on as if there were no database.
   */
  static open(file: string, warn?: (message: string) => void): TermStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: 10_000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const version = tableExists(db, 'meta')
        ? db.prepare<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value
        : undefined;
      if (version !== undefined && version !== SCHEMA_VERSION) {
        throw new StoreError(
          `${file}: term database of another clausemap version (schema ${version}); delete it or give another --db`,
        );
      }
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
      return new TermStore(db, file, warn, true);
    } catch (e) {
      db?.close();
      if (e instanceof StoreError) throw e;
      throw new StoreError(`${file}: ${(e as Error).message}`);
    }
  }

  /** Opens an existing term database read-only (for queries). */
  static openReadOnly(file: string): TermStore {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      if (!tableExists(db, 'documents')) {
        db.close();
        throw new StoreError(`${file}: not a clausemap term database`);
      }
      return new TermStore(db, file);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`${file}: ${(e as Error).message}`);
    }
  }

  /** The stored result for these bytes under this analyser, renamed to `file`; undefined to analyse again. */
  load(sha256: string, file: string, ctx: StoreContext): DocumentResult | undefined {
    return this.guard(undefined, () => {
      const row = this.st.analysis.get(sha256, ctx.analyzer);
      if (!row) return undefined;
      if (
        row.error_code === 'TOO_COMPLEX' &&
        ((row.cap_timeout_ms ?? 0) < ctx.caps.timeoutMs || (row.cap_memory_mb ?? 0) < ctx.caps.maxMemoryMb)
      )
        return undefined;
      // checked against the schema, but given back as stored: zod's output would reorder the keys
      let stored: DocumentResult;
      try {
        stored = JSON.parse(row.result) as DocumentResult;
      } catch {
        return undefined; // a malformed row is a miss: the document is analysed again
      }
      if (!DocumentResultSchema.safeParse(stored).success) return undefined;
      return named(stored, file);
    });
  }

  /** Stores one analysed document (its result when reusable, and its documents row) in one transaction. */
  save(
    r: DocumentResult,
    absPath: string,
    stamp: FileStamp | undefined,
    sha256: string | undefined,
    ctx: StoreContext,
  ): void {
    return this.guard(undefined, () => {
      this.tx(() => {
        if (sha256 && reusable(r)) this.putAnalysis(r, sha256, ctx);
        this.putDocument(r, absPath, stamp, sha256, ctx.analyzer);
      });
    });
  }

  /** Records that `absPath` was seen with this result (a reused one) if anything about it changed. */
  touch(
    r: DocumentResult,
    absPath: string,
    stamp: FileStamp | undefined,
    sha256: string | undefined,
    ctx: StoreContext,
  ): void {
    return this.guard(undefined, () => {
      const row = this.st.docByPath.get(absPath);
      if (
        row &&
        row.file === r.file &&
        row.sha256 === (sha256 ?? null) &&
        row.analyzer === ctx.analyzer &&
        stamp &&
        row.size === stamp.size &&
        row.mtime_ns === stamp.mtimeNs &&
        row.ino === stamp.ino &&
        row.status === r.status
      )
        return;
      this.putDocument(r, absPath, stamp, sha256, ctx.analyzer);
    });
  }

  /** Forgets documents under `dirs` that the run did not see (deleted or moved files). */
  forgetMissing(dirs: readonly string[], seen: ReadonlySet<string>): number {
    return this.guard(0, () => {
      let n = 0;
      const rows = this.db.prepare<{ path: string }>('SELECT path FROM documents').all();
      const del = this.db.prepare('DELETE FROM documents WHERE path = ?');
      this.tx(() => {
        for (const { path } of rows) {
          if (seen.has(path)) continue;
          if (dirs.some((d) => path.startsWith(d.endsWith('/') ? d : d + '/'))) n += del.run(path).changes;
        }
        // analyses no document points at any more, made by another analyser version, are dead weight
        this.db
          .prepare(
            `DELETE FROM analyses WHERE id NOT IN
          (SELECT a.id FROM analyses a JOIN documents d ON d.sha256 = a.sha256 AND d.analyzer = a.analyzer)
          AND analyzer NOT IN (SELECT DISTINCT analyzer FROM documents WHERE analyzer IS NOT NULL)`,
          )
          .run();
      });
      return n;
    });
  }

  /** Clauses of the documents as last seen, optionally of one category (or a family: "liability"). */
  terms(filter: { category?: string } = {}): TermRow[] {
    const where = filter.category ? 'WHERE (c.category = @cat OR c.category LIKE @prefix)' : '';
    const rows = this.db
      .prepare<{
        file: string;
        path: string;
        sha256: string;
        page: number | null;
        category: string;
        rule_id: string;
        heading: string | null;
        start: number;
        end: number;
        text: string;
        attributes: string | null;
      }>(
        `SELECT d.file, d.path, d.sha256, c.page, c.category, c.rule_id, c.heading, c.start, c."end" AS "end", c.text, c.attributes
      FROM documents d
      JOIN analyses a ON a.sha256 = d.sha256 AND a.analyzer = d.analyzer
      JOIN clauses c ON c.analysis_id = a.id
      ${where}
      ORDER BY d.path, c.start, c.seq`,
      )
      .all(filter.category ? { cat: filter.category, prefix: `${escapeLike(filter.category)}.%` } : {});
    return rows.map((r) => ({
      file: r.file,
      path: r.path,
      sha256: r.sha256,
      page: r.page,
      category: r.category,
      ruleId: r.rule_id,
      heading: r.heading,
      start: r.start,
      end: r.end,
      text: r.text,
      values: parsedValues(r.attributes),
    }));
  }

  /** One row per document as last seen: path, hash, size, pages, status, error. */
  documents(): DocumentRow[] {
    return this.db
      .prepare<{
        file: string;
        path: string;
        sha256: string | null;
        size: number | null;
        pages: number | null;
        status: string;
        error_code: string | null;
        error_message: string | null;
      }>('SELECT file, path, sha256, size, pages, status, error_code, error_message FROM documents ORDER BY path')
      .all()
      .map((r) => ({
        file: r.file,
        path: r.path,
        sha256: r.sha256,
        size: r.size,
        pages: r.pages,
        status: r.status,
        errorCode: r.error_code,
        error: r.error_message,
      }));
  }

  /**
   * The stored cross-contract result of a run of this scope, if it was made from the same inputs (same
   * digest): the portfolio summary and the findings in order, each as JSON.
   */
  stageResult(scope: string, digest: string): { portfolio: string; findings: IterableIterator<string> } | undefined {
    const row = this.db
      .prepare<{ portfolio: string }>('SELECT portfolio FROM stage_results WHERE scope = ? AND digest = ?')
      .get(scope, digest);
    if (!row) return undefined;
    const rows = this.db
      .prepare<{ finding: string }>('SELECT finding FROM stage_findings WHERE scope = ? ORDER BY seq')
      .iterate(scope);
    return {
      portfolio: row.portfolio,
      findings: (function* () {
        for (const r of rows) yield r.finding;
      })(),
    };
  }

  /** Keeps a run's cross-contract result (each part as JSON) for its scope, in place of the one before. */
  saveStageResult(scope: string, digest: string, portfolio: string, findings: Iterable<string>): void {
    return this.guard(undefined, () => {
      const ins = this.db.prepare('INSERT INTO stage_findings (scope, seq, finding) VALUES (?, ?, ?)');
      this.tx(() => {
        this.db.prepare('DELETE FROM stage_findings WHERE scope = ?').run(scope);
        this.db.prepare('DELETE FROM stage_results WHERE scope = ?').run(scope);
        this.db
          .prepare('INSERT INTO stage_results (scope, digest, portfolio, made_at) VALUES (?, ?, ?, ?)')
          .run(scope, digest, portfolio, new Date().toISOString());
        let seq = 0;
        for (const f of findings) ins.run(scope, seq++, f);
      });
    });
  }

  /** Number of stored analyses (for tests and progress). */
  analysisCount(): number {
    return this.db.prepare<{ n: number }>('SELECT count(*) AS n FROM analyses').get()?.n ?? 0;
  }

  /**
   * Closes the database. A writer leaves it out of WAL mode when no other connection has it open, so that
   * a read-only reader (`clausemap terms`) needs no -wal/-shm files beside it and creates none.
   */
  close(): void {
    try {
      if (this.writable && this.db.open && !this.failed) this.db.pragma('journal_mode = DELETE');
    } catch {
      // another run has it open (busy): it stays in WAL mode until the last one closes
    }
    try {
      if (this.db.open) this.db.close();
    } catch {
      // a database that cannot even be closed cleanly has nothing left to give
    }
  }

  /** `fn`, or `fallback` once the database has failed: the first error is told (once) and ends its use. */
  private guard<T>(fallback: T, fn: () => T): T {
    if (this.failed) return fallback;
    try {
      return fn();
    } catch (e) {
      this.failed = true;
      this.warn(
        `clausemap: warning: the term database ${this.file} failed (${(e as Error).message}); the run goes on without it: results are neither reused nor kept. Delete the file, or give --db another one.`,
      );
      try {
        this.db.close();
      } catch {
        // closing a broken database may fail too: it is not used again either way
      }
      return fallback;
    }
  }

  private tx(fn: () => void): void {
    this.db.transaction(fn)();
  }

  private putAnalysis(r: DocumentResult, sha256: string, ctx: StoreContext): void {
    this.st.delAnalysis.run(sha256, ctx.analyzer);
    const tooComplex = r.error?.code === 'TOO_COMPLEX';
    const info = this.st.insAnalysis.run(
      sha256,
      ctx.analyzer,
      ctx.rulesVersion,
      r.status,
      r.error?.code ?? null,
      r.kind ?? null,
      r.pages ?? null,
      r.bytes ?? null,
      tooComplex ? ctx.caps.timeoutMs : null,
      tooComplex ? ctx.caps.maxMemoryMb : null,
      JSON.stringify(anonymous(r)),
      new Date().toISOString(),
    );
    const id = Number(info.lastInsertRowid);
    r.clauses.forEach((c, seq) => {
      const attrs = c.attributes && Object.keys(c.attributes).length ? c.attributes : undefined;
      this.st.insClause.run(
        id,
        seq,
        c.category,
        c.ruleId,
        c.page ?? null,
        c.start,
        c.end,
        c.heading ?? null,
        c.text,
        attrs ? JSON.stringify(attrs) : null,
      );
      for (const [name, v] of Object.entries(attrs ?? {})) {
        this.st.insValue.run(id, seq, name, JSON.stringify(v), typeof v === 'number' && Number.isFinite(v) ? v : null);
      }
    });
  }

  private putDocument(
    r: DocumentResult,
    absPath: string,
    stamp: FileStamp | undefined,
    sha256: string | undefined,
    analyzer: string,
  ): void {
    this.st.upDoc.run({
      path: absPath,
      file: r.file,
      sha256: sha256 ?? null,
      size: stamp?.size ?? null,
      mtime_ns: stamp?.mtimeNs ?? null,
      ino: stamp?.ino ?? null,
      analyzer: sha256 && reusable(r) ? analyzer : null,
      pages: r.pages ?? null,
      status: r.status,
      error_code: r.error?.code ?? null,
      error_message: r.error?.message ?? null,
      seen_at: new Date().toISOString(),
    });
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** A clause's stored values; null when there are none, or the row is malformed (the text is still shown). */
function parsedValues(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[%_]/g, '');
}

/** A result with the file's name taken out (it is the content that is stored, not the name). */
function anonymous(r: DocumentResult): DocumentResult & { nameInMessage?: boolean } {
  const prefix = `${r.file}: `;
  if (r.error && r.error.message.startsWith(prefix)) {
    return {
      ...r,
      file: '',
      error: { ...r.error, message: r.error.message.slice(prefix.length) },
      nameInMessage: true,
    };
  }
  return { ...r, file: '' };
}

/** The stored result given back the name of the file it is now read from. */
function named(stored: DocumentResult & { nameInMessage?: boolean }, file: string): DocumentResult {
  const { nameInMessage, ...r } = stored;
  if (nameInMessage && r.error) return { ...r, file, error: { ...r.error, message: `${file}: ${r.error.message}` } };
  return { ...r, file };
}
