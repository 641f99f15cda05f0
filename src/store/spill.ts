// A portfolio's findings on disk rather than in memory: the copies of one contract conflict with each
// other and with everything their original conflicts with, so the findings of a large batch grow with the
// square of its size. The spill is a private temporary SQLite database (deleted when closed) that does
// what finishFindings does in memory — keep the first of each finding, drop those below the minimum
// severity, sort stably by findingOrder — and gives the findings back one at a time. Until there are
// more than a few thousand, the findings stay in memory and finishFindings itself sorts them.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { findingIdentity, findingOrder, finishFindings, type FindingSink } from '../check/findings.js';
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

/** How many findings stay in memory before they all go to disk. */
export const HELD_FINDINGS = 10_000;

export class FindingSpill implements FindingSink {
  private disk: { db: Database.Database; insert: Database.Statement } | undefined;
  /** the findings while there are no more than `holdUpTo`, in the order they were added */
  private held: Finding[] | undefined = [];
  /** the held findings finished for one minimum severity (see `finished`) */
  private done: { key: string; findings: Finding[] } | undefined;
  private pending = 0;
  private open = true;

  /** `holdUpTo`: findings kept in memory before all of them go to disk (0: straight to disk). */
  constructor(private readonly holdUpTo = HELD_FINDINGS) {}

  /** Whether the findings went to disk. */
  get onDisk(): boolean {
    return this.disk !== undefined;
  }

  add(f: Finding): void {
    if (!this.open) throw new Error('findings added after they were read');
    if (this.held) {
      this.held.push(f);
      if (this.held.length > this.holdUpTo) this.toDisk();
      return;
    }
    this.store(f);
  }

  private toDisk(): void {
    const db = temporaryDatabase();
    db.pragma('cache_size = -32768'); // 32 MB, for the sort
    db.exec(`CREATE TABLE spill (
      seq INTEGER PRIMARY KEY,   -- the order the findings were found in: ties keep it
      identity BLOB NOT NULL UNIQUE,
      severity INTEGER NOT NULL,
      rule BLOB NOT NULL, documents BLOB NOT NULL, start INTEGER NOT NULL, message BLOB NOT NULL,
      finding TEXT NOT NULL
    )`);
    this.disk = {
      db,
      insert: db.prepare(
        'INSERT OR IGNORE INTO spill (identity, severity, rule, documents, start, message, finding) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    const held = this.held ?? [];
    this.held = undefined;
    for (const f of held) this.store(f);
  }

  private store(f: Finding): void {
    const { db, insert } = this.disk!;
    if (this.pending === 0) db.exec('BEGIN');
    const [severity, rule, documents, start, message] = findingOrder(f);
    insert.run(
      createHash('sha256').update(findingIdentity(f)).digest(),
      severity,
      utf16Key(rule),
      utf16Key(documents),
      start,
      utf16Key(message),
      JSON.stringify(f),
    );
    if (++this.pending === BATCH) this.commit();
  }

  private commit(): void {
    if (this.pending) this.disk!.db.exec('COMMIT');
    this.pending = 0;
  }

  /** The kept findings at or above `minSeverity`, in report order, each as the JSON it was added as. */
  *sortedJson(minSeverity?: Severity): Generator<string> {
    const held = this.finished(minSeverity);
    if (held) {
      for (const f of held) yield JSON.stringify(f);
      return;
    }
    this.commit();
    const rows = this.disk!.db.prepare<{ finding: string }>(
      'SELECT finding FROM spill WHERE severity >= ? ORDER BY severity DESC, rule, documents, start, message, seq',
    ).iterate(minSeverity ? SEVERITY_ORDER[minSeverity] : 0);
    for (const r of rows) yield r.finding;
  }

  /** As sortedJson, as findings: those held in memory are given as they are, not written out and read back. */
  *sorted(minSeverity?: Severity): Generator<Finding> {
    const held = this.finished(minSeverity);
    if (held) yield* held;
    else yield* parseFindings(this.sortedJson(minSeverity));
  }

  /**
   * Ends adding. The held findings deduplicated, cut and sorted, once for each minimum severity asked for (an
   * audit reads them twice: for the term database and for the report); undefined when they went to disk.
   */
  private finished(minSeverity?: Severity): Finding[] | undefined {
    this.open = false;
    if (!this.held) return undefined;
    const key = minSeverity ?? '';
    if (this.done?.key !== key) this.done = { key, findings: finishFindings(this.held, minSeverity) };
    return this.done.findings;
  }

  close(): void {
    if (this.disk?.db.open) this.disk.db.close();
    this.held = undefined;
    this.done = undefined;
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
    for (const r of this.db.prepare<{ value: string }>('SELECT value FROM spill ORDER BY i').iterate())
      out.push(JSON.parse(r.value) as T);
    return out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
