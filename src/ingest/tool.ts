// The edge where ingest runs outside programs (pdftoppm, tesseract, antiword, unrtf) on hostile files.
// Each run has its own wall-clock timeout and an OS data-segment limit, reads nothing from stdin and keeps
// at most a bounded amount of its output. The tools must not outlive the pool child that started them:
// where util-linux's `setpriv` is installed each tool gets the kernel's parent-death signal (SIGKILL when
// the child dies, even by SIGKILL at the pool's time or memory cap), and every tool still running when the
// child exits normally is killed on the way out.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface ToolCaps {
  /** wall-clock limit of this one run */
  timeoutMs: number;
  /** OS data-segment limit (RLIMIT_DATA) in MB; 0 for none */
  dataMb: number;
  /** most bytes of stdout kept; more kills the tool */
  maxOutputBytes?: number;
}

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  /** killed at `timeoutMs` */
  timedOut: boolean;
  /** killed because it wrote more than `maxOutputBytes` */
  overflow: boolean;
}

const found = new Map<string, string | undefined>();

/** The full path of a program on PATH, or undefined (looked up once per process). */
export function which(name: string): string | undefined {
  if (found.has(name)) return found.get(name);
  let hit: string | undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      hit = p;
      break;
    } catch {
      // not here
    }
  }
  found.set(name, hit);
  return hit;
}

const running = new Set<ChildProcess>();
let exitHook = false;

function killAll(): void {
  for (const p of running) {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Process ids of the tools running now (for tests). */
export function runningTools(): number[] {
  return [...running].map((p) => p.pid!).filter(Boolean);
}

/** The command line that runs `cmd` under the caps: setpriv (parent-death signal), then prlimit (data limit). */
export function capped(cmd: string, args: readonly string[], dataMb: number): [string, string[]] {
  let line = [cmd, ...args];
  const prlimit = dataMb > 0 ? which('prlimit') : undefined;
  if (prlimit) line = [prlimit, `--data=${Math.floor(dataMb * 1024 * 1024)}`, '--', ...line];
  const setpriv = which('setpriv');
  if (setpriv && process.platform === 'linux') line = [setpriv, '--pdeathsig', 'KILL', '--', ...line];
  return [line[0]!, line.slice(1)];
}

export function runTool(
  cmd: string,
  args: readonly string[],
  caps: ToolCaps,
  env: NodeJS.ProcessEnv = {},
): Promise<ToolResult> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', killAll);
  }
  const max = caps.maxOutputBytes ?? 64 * 1024 * 1024;
  const [exe, argv] = capped(cmd, args, caps.dataMb);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let timedOut = false;
    let overflow = false;
    let settled = false;
    const proc = spawn(exe, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    running.add(proc);
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, caps.timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      size += d.length;
      if (size > max) {
        overflow = true;
        proc.kill('SIGKILL');
        return;
      }
      chunks.push(d);
    });
    proc.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(proc);
      resolve({ code, signal, stdout: Buffer.concat(chunks), stderr, timedOut, overflow });
    };
    proc.once('error', () => done(127, null));
    proc.once('close', done);
  });
}
