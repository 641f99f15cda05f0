// A portfolio's findings on disk rather than in memory: the copies of one contract conflict with each
// other and with everything their original conflicts with, so the findings of a large batch grow with the
// square of its size. The spill is a private temporary SQLite database (deleted when closed) that does
// what finishFindings does in memory — keep the first of each finding, drop those below the minimum
// severity, sort stably by findingOrder — and gives the findings back one at a time.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { findingIdentity, findingOrder, type FindingSink } from '../rules/index.js';
import { SEVERITY_ORDER, type Finding, type Severity } from '../schema.js';

/** Inserts per transaction. */
const BATCH = 5_000;

/**
 * A string as bytes that sort as JavaScript's `<` sorts strings (by UTF-16 code unit): SQLite compares
 * BLOBs with memcmp, and big-endian UTF-16 keeps the code units' order; its own text order (UTF-8 bytes)
 * would put U+FF01 before U+1F600, where `<` puts it after.
 */
function utf16Key(s: string): Buffer {
  return Buffer.from(s, 'utf16le').swap16();
}

/** A private temporary SQLite database: kept on disk once it outgrows its cache, removed when closed. */
function temporaryDatabase(): Database.Database {
  const db = new Database('');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  return db;
}

/** Findings stored as JSON, parsed one at a time. */
export function* parseFindings(jsons: Iterable<string>): Generator<Finding> {
  for (const json of jsons) yield JSON.parse(json) as Finding;
}

export class FindingSpill implements FindingSink {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private pending = 0;
  private open = true;

  constructor() {
    this.db = temporaryDatabase();
    this.db.pragma('cache_size = -32768'); // 32 MB, for the sort
    this.db.exec(`CREATE TABLE spill (
      seq INTEGER PRIMARY KEY,   -- the order the findings were found in: ties keep it
      identity BLOB NOT NULL UNIQUE,
      severity INTEGER NOT NULL,
      rule BLOB NOT NULL, documents BLOB NOT NULL, start INTEGER NOT NULL, message BLOB NOT NULL,
      finding TEXT NOT NULL
    )`);
    this.insert = this.db.prepare('INSERT OR IGNORE INTO spill (identity, severity, rule, documents, start, message, finding) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  add(f: Finding): void {
    if (!this.open) throw new Error('findings added after they were read');
    if (this.pending === 0) this.db.exec('BEGIN');
    const [severity, rule, documents, start, message] = findingOrder(f);
    this.insert.run(createHash('sha256').update(findingIdentity(f)).digest(), severity, utf16Key(rule), utf16Key(documents), start, utf16Key(message), JSON.stringify(f));
    if (++this.pending === BATCH) this.commit();
  }

  private commit(): void {
    if (this.pending) this.db.exec('COMMIT');
    this.pending = 0;
  }

  /** The kept findings at or above `minSeverity`, in report order, each as the JSON it was added as. */
  *sortedJson(minSeverity?: Severity): Generator<string> {
    this.commit();
    this.open = false;
    const rows = this.db.prepare<{ finding: string }>(
      'SELECT finding FROM spill WHERE severity >= ? ORDER BY severity DESC, rule, documents, start, message, seq',
    ).iterate(minSeverity ? SEVERITY_ORDER[minSeverity] : 0);
    for (const r of rows) yield r.finding;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Values set aside on disk by index while a batch runs, read back in index order when all are in: what the
 * checks will read of each document, kept out of memory while the workers are still reading documents.
 */
export class IndexedSpill<T> {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor() {
    this.db = temporaryDatabase();
    this.db.exec('CREATE TABLE spill (i INTEGER PRIMARY KEY, value TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT OR REPLACE INTO spill (i, value) VALUES (?, ?)');
  }

  set(i: number, value: T): void {
    this.insert.run(i, JSON.stringify(value));
  }

  /** Every value, in index order. */
  all(): T[] {
    const out: T[] = [];
    for (const r of this.db.prepare<{ value: string }>('SELECT value FROM spill ORDER BY i').iterate()) out.push(JSON.parse(r.value) as T);
    return out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
