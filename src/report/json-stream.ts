// The JSON report, streamed: the documents are written one at a time as the analysis hands them on, and
// the findings one at a time as they are read back from disk, so a batch of thousands of contracts never
// holds the whole report (or one string of it) in memory. Byte for byte what JSON.stringify(report, null, 2)
// gives for the same report.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DocumentResult, Report } from '../schema.js';
import { outputError, partialOf, quietOnClosedStdout, type OutputError } from './output.js';

/** One item of a JSON report's top-level list (a document, a finding), indented as it appears there. */
function itemJson(x: unknown): string {
  // split on \n only: a regex ^ would also match after U+2028/U+2029, which JSON leaves raw in strings
  return JSON.stringify(x, null, 2)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** One document as it appears in a JSON report's `documents` array. */
export const documentJson = (r: DocumentResult): string => itemJson(r);

/** A top-level field of a JSON report, as JSON.stringify(report, null, 2) writes it. */
function jsonField(key: string, value: unknown): string {
  return `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).split('\n').join('\n  ')}`;
}

const isIterator = (v: unknown): v is Iterator<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as Iterator<unknown>).next === 'function' && Symbol.iterator in v;

const definedFields = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);

/**
 * Writes `{ ...head, "documents": [...], ...tail }` one document at a time, byte for byte what
 * JSON.stringify(report, null, 2) gives, to stdout or to a file (renamed into place at the end,
 * so an interrupted run never leaves a truncated report where a complete one is expected).
 * The fields before the documents are given first; those after them (findings, ...) at the end.
 */
export class JsonDocumentsWriter {
  private fd: number | undefined;
  private readonly partial: string | undefined;
  private count = 0;
  /** the first failed write (a full disk): nothing more is written, and end() throws it */
  private failed: OutputError | undefined;

  constructor(
    private readonly out?: string,
    private readonly head: Record<string, unknown> = {},
  ) {
    if (out && out !== '-') {
      const abs = path.resolve(out);
      mkdirSync(path.dirname(abs), { recursive: true });
      this.partial = partialOf(abs);
      this.fd = openSync(this.partial, 'w');
    } else {
      quietOnClosedStdout();
    }
  }

  private put(s: string): void {
    if (this.failed) return;
    if (this.fd === undefined) process.stdout.write(s);
    else
      try {
        writeSync(this.fd, s);
      } catch (e) {
        this.failed = outputError(this.out!, e);
        this.abort();
      }
  }

  private opening(): string {
    return `{\n${definedFields(this.head)
      .map(([k, v]) => `${jsonField(k, v)},\n`)
      .join('')}  "documents": [`;
  }

  write(r: DocumentResult): void {
    this.writeJson(documentJson(r));
  }

  /** One document as documentJson() gave it. */
  writeJson(body: string): void {
    this.put(this.count++ === 0 ? `${this.opening()}\n${body}` : `,\n${body}`);
  }

  end(tail: Record<string, unknown> = {}): void {
    this.put(this.count === 0 ? `${this.opening()}]` : '\n  ]');
    for (const [k, v] of definedFields(tail)) {
      // a long list (the findings, which may come one at a time from disk) one item at a time, never as one string
      if (Array.isArray(v) || isIterator(v)) {
        let i = 0;
        for (const x of v as Iterable<unknown>)
          this.put(`${i++ ? ',' : `,\n  ${JSON.stringify(k)}: [`}\n${itemJson(x)}`);
        this.put(i ? '\n  ]' : `,\n  ${JSON.stringify(k)}: []`);
      } else {
        this.put(`,\n${jsonField(k, v)}`);
      }
    }
    this.put('\n}\n');
    if (this.failed) throw this.failed;
    if (this.fd !== undefined && this.partial && this.out) {
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.partial, path.resolve(this.out));
    }
  }

  abort(): void {
    if (this.fd !== undefined && this.partial) {
      closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.partial, { force: true });
    }
  }
}

/** A report's fields before and after one of them, in the report's order: the head and tail of a streamed report. */
export function fieldsAround(
  report: Report,
  key: keyof Report,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const entries = Object.entries(report);
  const at = entries.findIndex(([k]) => k === key);
  return { before: Object.fromEntries(entries.slice(0, at)), after: Object.fromEntries(entries.slice(at + 1)) };
}
