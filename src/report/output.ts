// Where a report goes: stdout, or a file. Whether the file can be written is checked before a run starts
// (src/commands/common.ts), so a failure here is the disk's, not the user's. A report file is written
// beside its name (`<out>.partial-<pid>`) and renamed onto it when complete: a full disk or a killed run
// never leaves a truncated report where a complete one is expected, and the next run removes the
// partial files of runs that no longer exist.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The report could not be written (a full disk, a file size limit, an I/O error): a sentence to show. */
export class OutputError extends Error {}

/** The file a report is written to before it is renamed onto `out`. */
export const partialOf = (out: string): string => `${path.resolve(out)}.partial-${process.pid}`;

/** The OutputError for a failed write of `out`, in words. */
export function outputError(out: string, e: unknown): OutputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EFBIG'
        ? 'the file is larger than this system allows (ulimit -f)'
        : `${code ?? 'error'}: ${(e as Error).message}`;
  return new OutputError(
    `--out ${out}: the report could not be written (${why}); nothing was left at that name. Free some space, or write the report elsewhere.`,
  );
}

/** The report to `out`, or to stdout when `out` is absent or "-". Throws OutputError when the disk fails. */
export function writeOutput(data: string | Buffer, out: string | undefined): void {
  if (!out || out === '-') {
    process.stdout.write(data);
    return;
  }
  const partial = partialOf(out);
  try {
    mkdirSync(path.dirname(partial), { recursive: true });
    writeFileSync(partial, data, { flag: 'wx' });
    renameSync(partial, path.resolve(out));
  } catch (e) {
    rmSync(partial, { force: true });
    throw outputError(out, e);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes `<out>.partial-<pid>` files left by runs that were killed (their process is gone). */
export function removeStalePartials(out: string | undefined): void {
  if (!out || out === '-') return;
  const abs = path.resolve(out);
  const prefix = `${path.basename(abs)}.partial-`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(abs));
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !/^\d+$/.test(n.slice(prefix.length))) continue;
    const pid = Number(n.slice(prefix.length));
    const f = path.join(path.dirname(abs), n);
    try {
      if (pid !== process.pid && !alive(pid) && lstatSync(f).isFile()) rmSync(f);
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/** `clausemap … | head`: once the reader has gone, stop quietly instead of crashing on EPIPE. */
export function quietOnClosedStdout(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
