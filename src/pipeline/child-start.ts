// How an analysis child starts (the pool's children, src/pipeline/pool.ts), and the first child started early.
//
// A child takes a few hundred milliseconds to load its code, the clause rules and the model; the command that
// needs it takes as long to load its own. `prestart`, called by bin/clausemap.js before the command's code is
// loaded, starts the first child of an `extract`, `audit` or `check` at once, so that both load at the same
// time; the run's pool then takes that child instead of starting one, provided it was started exactly as the
// pool would start it (same rules folder, same data limit, same flags). Otherwise, or when no pool is made,
// the child is left alone: it ends when the command ends (its IPC channel closes), and keeps nothing alive.
// This module loads nothing but Node's own modules and the package paths, so that it costs nothing itself.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLAUSE_RULES_DIR, PACKAGE_ROOT } from '../paths.js';

// the compiled child; when this module runs from the TypeScript sources (tests), the build's copy
const HERE_CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const CHILD = existsSync(HERE_CHILD) ? HERE_CHILD : path.join(PACKAGE_ROOT, 'dist', 'pipeline', 'child.js');
const SHELL = '/bin/sh';
/** Each child is one of `concurrency` processes that keep the cores busy: V8's background collector threads
 *  would only compete with the other children, so each child collects on its own thread. The clause rules are
 *  some 800 regular expressions, nearly all of them tried on a child's first document: V8 would first compile
 *  each to bytecode and later again to machine code; compiled once, to machine code, the first document costs
 *  about half as much (a 21k-character CUAD text: 430 ms of rule matching against 200 ms) and later ones the
 *  same. */
const CHILD_FLAGS = ['--single-threaded-gc', '--no-regexp-tier-up'];
/** `node --cpu-prof clausemap …` profiles the children too, into the same folder. */
const profileFlags = (): string[] =>
  process.execArgv.includes('--cpu-prof')
    ? ['--cpu-prof', ...process.execArgv.filter((a) => a.startsWith('--cpu-prof-dir='))]
    : [];

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** What a child is started with. */
export interface ChildSpec {
  clauseRulesDir: string;
  /** OS limit on the child's data segment (RLIMIT_DATA) in MB; 0: none */
  dataLimitMb: number;
}

/** The default data limit of a child, MB. */
export const DEFAULT_DATA_LIMIT_MB = 2048;

/** A started child: the process, whether it has said it is ready, and the tail of what it wrote on stderr. */
export interface StartedChild {
  proc: ChildProcess;
  ready: Promise<void>;
  stderr: () => string;
}

function specKey(spec: ChildSpec): string {
  return JSON.stringify([spec.clauseRulesDir, spec.dataLimitMb, CHILD_FLAGS, profileFlags(), process.execPath]);
}

/** Starts a child: its data limit set by the shell it starts from, its rules folder in its environment. */
export function startChild(spec: ChildSpec): StartedChild {
  const env = { ...process.env, CLAUSEMAP_CLAUSE_RULES: spec.clauseRulesDir };
  const limitKb = Math.floor(spec.dataLimitMb * 1024);
  const useLimit = limitKb > 0 && process.platform !== 'win32' && existsSync(SHELL);
  // `exec` keeps the pid: the shell becomes node, with the limit inherited and the IPC channel intact
  const flags = [...CHILD_FLAGS, ...profileFlags()];
  const proc = fork(CHILD, [], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    ...(useLimit
      ? {
          execPath: SHELL,
          execArgv: [
            '-c',
            `ulimit -d ${limitKb} 2>/dev/null; exec "$0" ${flags.map(shellQuote).join(' ')} "$@"`,
            process.execPath,
          ],
        }
      : { execArgv: flags }),
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onMsg = (m: unknown) => {
      if (m && typeof m === 'object' && 'ready' in m) {
        proc.off('message', onMsg);
        resolve();
      }
    };
    proc.on('message', onMsg);
    proc.once('exit', (code) => reject(new Error(`analysis child exited early (code ${code})`)));
    proc.once('error', (e) => reject(e));
  });
  ready.catch(() => undefined);
  // the tail of what the child says on stderr, to explain a child that will not start
  let tail = '';
  proc.stderr?.on('data', (d: Buffer) => {
    tail = (tail + d.toString('utf8')).slice(-2000);
  });
  return { proc, ready, stderr: () => tail };
}

let early: { key: string; child: StartedChild } | undefined;

const COMMANDS = new Set(['extract', 'audit', 'check']);

/**
 * The command in `argv` (as process.argv) analyses files with the local pool: start its first child now.
 * Not for `--help`, `--queue` (or CLAUSEMAP_QUEUE: the workers analyse), or with CLAUSEMAP_PRESTART=0.
 */
export function prestart(argv: readonly string[]): void {
  if (early || process.env.CLAUSEMAP_PRESTART === '0' || process.env.CLAUSEMAP_QUEUE) return;
  const args = argv.slice(2);
  if (!COMMANDS.has(args[0] ?? '')) return;
  if (args.some((a) => a === '--help' || a === '-h' || a === '--queue' || a.startsWith('--queue='))) return;
  const spec = { clauseRulesDir: CLAUSE_RULES_DIR, dataLimitMb: DEFAULT_DATA_LIMIT_MB };
  const child = startChild(spec);
  // until a pool takes it, the child keeps nothing alive: a command that ends early ends at once
  child.proc.unref();
  child.proc.channel?.unref();
  (child.proc.stderr as { unref?: () => void } | null)?.unref?.();
  early = { key: specKey(spec), child };
}

/** The process id of the child `prestart` started and no pool has taken yet. */
export const prestartedPid = (): number | undefined => early?.child.proc.pid;

/** The child `prestart` started, if it was started as `spec` asks and is still running; taken once. */
export function takePrestarted(spec: ChildSpec): StartedChild | undefined {
  const e = early;
  if (!e) return undefined;
  early = undefined;
  const { proc } = e.child;
  if (e.key !== specKey(spec) || proc.exitCode !== null || proc.signalCode !== null || proc.killed) {
    proc.kill('SIGKILL');
    return undefined;
  }
  proc.ref();
  proc.channel?.ref();
  (proc.stderr as { ref?: () => void } | null)?.ref?.();
  return e.child;
}
