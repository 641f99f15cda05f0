// Where a report goes: stdout, or a file. Whether the file can be written is checked before a run starts
// (src/commands/common.ts), so a failure here is the disk's, not the user's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The report to `out`, or to stdout when `out` is absent or "-". */
export function writeOutput(data: string | Buffer, out: string | undefined): void {
  if (!out || out === '-') {
    process.stdout.write(data);
    return;
  }
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, data);
}

/** `clausemap … | head`: once the reader has gone, stop quietly instead of crashing on EPIPE. */
export function quietOnClosedStdout(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
