// Helpers for the security tests: a copy of the fixture portfolio in a temp folder of its own, a private
// user cache (so that no test reads or writes the real ~/.cache), and the CLI run with a time limit.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/schema.js';

export const ROOT = path.resolve(__dirname, '..');
export const BIN = path.join(ROOT, 'bin', 'clausemap.js');
const made: string[] = [];

/** A temp folder removed by cleanup(). */
export function temp(name: string): string {
  const d = mkdtempSync(path.join(tmpdir(), `clausemap-sec-${name}-`));
  made.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of fixtures/portfolio (six contracts and their expected.yaml), as `<temp>/portfolio`. */
export function portfolioCopy(): string {
  const dir = path.join(temp('folder'), 'portfolio');
  cpSync(path.join(ROOT, 'fixtures', 'portfolio'), dir, { recursive: true });
  return dir;
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The CLI with `cache` as its user cache, killed after `limitMs` (a hang shows as signal SIGKILL). */
export function cli(args: string[], cache: string, limitMs = 60_000, env: Record<string, string> = {}): Run {
  mkdirSync(cache, { recursive: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: limitMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
    env: { ...process.env, XDG_CACHE_HOME: cache, CLAUSEMAP_PDF_PASSWORD: '', ...env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

export const report = (r: Run): Report => JSON.parse(r.stdout) as Report;

/** What the findings say, in order. */
export const findingsOf = (r: Report) => r.findings.map((f) => [f.ruleId, f.severity, f.message, f.documents]);
