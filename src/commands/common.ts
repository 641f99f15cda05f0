// Shared by the command modules: the options of the commands that analyse documents, and the checks of
// every option and input path that run before anything is opened or written. A failed check is a
// UsageError: one sentence naming the option or file and what to do, exit 2, nothing written anywhere.
import { InvalidArgumentError, type Command } from 'commander';
import { existsSync, statSync, lstatSync, accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { loadPlaybook, loadPortfolioRules, type Playbook, type PortfolioRule } from '../check/index.js';
import { configPlaybook, findConfig, loadConfig, outsideFolder, type LoadedConfig } from '../config/config.js';
import { loadClauseRules } from '../extract/clause-rules.js';
import type { ClauseRule } from '../extract/compiled-rules.js';
import { META_CATEGORIES } from '../extract/meta.js';
import { CLAUSE_RULES_DIR, PLAYBOOK_DIR, PORTFOLIO_RULES_DIR } from '../paths.js';
import type { OcrMode } from '../ingest/ocr.js';
import type { AnalyzerFactory } from '../pipeline/analyzer.js';
import type { AnalyzeOptions } from '../pipeline/index.js';
import { SeveritySchema, type Severity } from '../schema.js';
import { removeStalePartials } from '../report/output.js';
import { writableDir } from '../store/location.js';
import { formatProblem, type LoadProblem } from '../yaml-load.js';

/** A mistake in how clausemap was called: reported as one sentence (or the file:line:col problems of a
 *  rule, clausemap.yaml or playbook file), exit 2. */
export type SetCode = (code: number) => void;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly problems: readonly LoadProblem[] = [],
  ) {
    super(message);
  }

  static of(problems: readonly LoadProblem[]): UsageError {
    return new UsageError(problems.map(formatProblem).join('\n'), problems);
  }
}

/** "a, b or c" */
export const oneOf = (xs: readonly string[]): string =>
  xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : xs.join('');

export function intOption(v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('Give a whole number of at least 1.');
  return n;
}

export function severityOption(v: string): Severity | 'none' {
  if (v === 'none') return v;
  const r = SeveritySchema.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(`Give ${oneOf(['none', ...SeveritySchema.options])}.`);
  return r.data;
}

/** `--format`, or the format `--out`'s extension names (`aliases` maps other spellings), else `fallback`. */
export function formatOf<F extends string>(
  o: { format?: string; out?: string },
  formats: readonly F[],
  fallback: F,
  aliases: Record<string, F> = {},
): F {
  const known = (f: string): F | undefined => ((formats as readonly string[]).includes(f) ? (f as F) : aliases[f]);
  if (o.format !== undefined) {
    const f = known(o.format.toLowerCase());
    if (!f) throw new UsageError(`--format takes ${oneOf(formats)}, not "${o.format}".`);
    return f;
  }
  const ext = o.out && o.out !== '-' ? path.extname(o.out).slice(1).toLowerCase() : '';
  if (!ext) return fallback;
  const f = known(ext);
  if (!f)
    throw new UsageError(
      `--out ${o.out}: ".${ext}" names no format clausemap writes; give --format (${oneOf(formats)}), or end the file name in one of them.`,
    );
  return f;
}

/** `--out FILE` must be a file that can be written, in a folder that exists or can be made: checked before
 *  the run, so that an hour's analysis never ends in a report that cannot be written. */
export function checkOutput(out: string | undefined): void {
  if (!out || out === '-') return;
  // the report is written beside the output and renamed onto it: a link or a device there would be replaced
  let st;
  try {
    st = lstatSync(out);
  } catch {
    st = undefined;
  }
  if (st?.isSymbolicLink())
    throw new UsageError(`--out ${out}: is a link; give the file it points to, or another file name.`);
  if (st && !st.isFile() && !st.isDirectory())
    throw new UsageError(
      `--out ${out}: is not a regular file (a device or a pipe); give a file name, or leave out --out to write to stdout.`,
    );
  if (st?.isDirectory())
    throw new UsageError(`--out ${out}: is a folder; give a file name, e.g. --out ${path.join(out, 'report.md')}.`);
  const dir = path.dirname(path.resolve(out));
  let ok = writableDir(dir);
  if (ok && st) {
    try {
      accessSync(out, constants.W_OK);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new UsageError(`--out ${out}: cannot be written there; give a file in a folder you may write to.`);
  // the unfinished reports of runs that were killed (the name is clausemap's own: <out>.partial-<pid>)
  removeStalePartials(out);
}

/**
 * `--out` must not name a file being read: the run would write its report over a contract. An existing file
 * that is an input, or lies in an input folder, is refused (without walking the folders: that is the run's).
 */
export function checkOutputNotInput(out: string | undefined, inputs: readonly string[]): void {
  if (!out || out === '-' || !existsSync(out)) return;
  const target = realpathSync(out);
  const inside = inputs.some((i) => {
    const r = realpathSync(i);
    return r === target || (statSync(r).isDirectory() && target.startsWith(r + path.sep));
  });
  if (inside)
    throw new UsageError(
      `--out ${out}: is one of the files being read; write the report to another file, outside the folders you audit.`,
    );
}

/** A file named by an option (--config, --playbook) must exist. */
export function checkFile(option: string, file: string | undefined): void {
  if (file === undefined) return;
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`${option} ${file}: no such file; check the path.`);
  }
  if (st.isDirectory()) throw new UsageError(`${option} ${file}: is a folder; give the file.`);
}

/**
 * The inputs as given, a quoted glob ('portfolio/*.pdf', which the shell left alone) expanded in sorted
 * order. An input that does not exist, or a glob that matches nothing, is a usage error: an audit of
 * nothing would report "no conflict".
 */
export function resolveInputs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (existsSync(a)) {
      out.push(a); // a file whose name holds * or [ ] is itself
    } else if (isDynamicPattern(a)) {
      const hits = globSync(a, { onlyFiles: false, expandDirectories: false, absolute: path.isAbsolute(a) })
        .map((p) => (p.length > 1 ? p.replace(/\/$/, '') : p))
        .sort();
      if (!hits.length) throw new UsageError(`${a}: no file or folder matches this pattern; check it.`);
      out.push(...hits);
    } else {
      throw new UsageError(`${a}: no such file or folder; check the path.`);
    }
  }
  return out;
}

/** The draft of `check`: one file that exists (a pattern must match exactly one). */
export function resolveDraft(arg: string): string {
  const files = resolveInputs([arg]);
  if (files.length !== 1) throw new UsageError(`${arg}: matches ${files.length} files; give the one draft to check.`);
  if (statSync(files[0]!).isDirectory()) throw new UsageError(`${files[0]}: is a folder; give the draft's file.`);
  return files[0]!;
}

/** The categories of the clauses the extraction reports: those of the clause rules, and the meta.* ones
 *  that the metadata pass writes (the title, the parties and the dates). */

export function clauseCategories(rules: readonly ClauseRule[]): string[] {
  return [...new Set([...rules.map((r) => r.category), ...META_CATEGORIES])].sort();
}

export interface Settings {
  clauseRules: ClauseRule[];
  portfolioRules: PortfolioRule[];
  config?: LoadedConfig;
  playbook?: Playbook;
}

/**
 * What a run reads besides the documents, every problem at once (as file:line:col): the clause rules,
 * clausemap.yaml (`--config`, else the nearest one at or above the inputs; its `set:` keys checked against
 * the clause categories) and, for the checks, the portfolio rules and the playbook (`--playbook`, else the
 * one clausemap.yaml names, relative to it, else the shipped one).
 */
export function loadSettings(
  o: { config?: string; playbook?: string },
  inputs: readonly string[],
  checks: boolean,
): Settings {
  checkFile('--config', o.config);
  checkFile('--playbook', o.playbook);
  const clause = loadClauseRules(CLAUSE_RULES_DIR);
  const problems = [...clause.problems];
  const portfolio = checks ? loadPortfolioRules(PORTFOLIO_RULES_DIR) : { rules: [], problems: [] };
  problems.push(...portfolio.problems);
  const file = findConfig(o.config, inputs);
  // a clausemap.yaml found in a folder is the folder's: a link out of it is not read
  const away = file && !o.config ? outsideFolder(file, path.dirname(file)) : undefined;
  const loaded = away
    ? { problems: [{ file: file!, line: 0, col: 0, message: away }] }
    : file
      ? loadConfig(file, { categories: clauseCategories(clause.rules) })
      : { problems: [] };
  problems.push(...loaded.problems);
  const config = loaded.config;
  let playbook: Playbook | undefined;
  if (checks) {
    const named = config && !o.playbook ? configPlaybook(config, !!o.config) : undefined;
    if (named?.problem) problems.push(named.problem);
    else {
      const pb = loadPlaybook(o.playbook ?? named?.file ?? path.join(PLAYBOOK_DIR, 'default.yaml'));
      problems.push(...pb.problems);
      playbook = pb.playbook;
    }
  }
  if (problems.length) throw UsageError.of(problems);
  return {
    clauseRules: clause.rules,
    portfolioRules: portfolio.rules,
    ...(config ? { config } : {}),
    ...(playbook ? { playbook } : {}),
  };
}

/** The options every command that analyses documents takes (extract, audit, check). */
export interface AnalysisFlags {
  concurrency?: number;
  password?: string;
  timeout: number;
  maxMemoryMb: number;
  db?: string | false;
  quiet?: boolean;
  out?: string;
  config?: string;
  followLinks?: boolean;
  ocr?: OcrMode;
  queue?: string;
}

const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

export function ocrOption(v: string): OcrMode {
  if (!(OCR_MODES as readonly string[]).includes(v)) throw new InvalidArgumentError(`Give ${oneOf(OCR_MODES)}.`);
  return v as OcrMode;
}

export function withAnalysisOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--config <file>', 'clausemap.yaml to use (default: the nearest clausemap.yaml at or above the inputs)')
    .option('--concurrency <n>', 'documents analysed at once (default: number of cores)', intOption)
    .option(
      '--password <password>',
      'password for encrypted PDFs (other users may see a command line: prefer the CLAUSEMAP_PDF_PASSWORD environment variable)',
    )
    .option('--follow-links', 'follow links that lead out of the folders given (default: list them as skipped)')
    .option('--timeout <seconds>', 'per-document time cap', intOption, 60)
    .option('--max-memory-mb <mb>', 'per-document memory cap', intOption, 1024)
    .option('--db <file>', 'term database (default: one per portfolio folder in the user cache, never in the folder)')
    .option('--no-db', 'neither reuse nor keep results in a term database')
    .option(
      '--ocr <mode>',
      'OCR of scans: auto (pages without a text layer, and images), always (every page), never',
      ocrOption,
      'auto',
    )
    .option(
      '--queue <url>',
      'send the documents to workers on this Redis queue (default: CLAUSEMAP_QUEUE, else read here)',
    )
    .option('-q, --quiet', 'no progress on stderr');
}

/** `--queue` (or CLAUSEMAP_QUEUE): a Redis address that answers, checked before the run starts. Loads the
 *  queue's code only when one is asked for. */
export async function checkQueue(o: { queue?: string }): Promise<void> {
  const url = o.queue ?? (process.env.CLAUSEMAP_QUEUE?.trim() || undefined);
  if (!url) return;
  const { reachable, QueueAddressError } = await import('../queue/connect.js');
  try {
    await reachable(url);
  } catch (e) {
    if (e instanceof QueueAddressError) throw new UsageError(e.message);
    throw e;
  }
  o.queue = url;
}

export function analysisOptions(o: AnalysisFlags): AnalyzeOptions {
  return {
    concurrency: o.concurrency,
    timeoutMs: o.timeout * 1000,
    maxMemoryMb: o.maxMemoryMb,
    ingest: {
      password: o.password ?? (process.env.CLAUSEMAP_PDF_PASSWORD || undefined),
      ocr: { mode: o.ocr ?? 'auto' },
    },
    followLinks: o.followLinks ?? false,
    db: o.db ?? true,
    progress: !o.quiet,
    ...(o.queue ? { analyzer: queueAnalyzer(o.queue) } : {}),
  };
}

const queueAnalyzer =
  (url: string): AnalyzerFactory =>
  async (req) =>
    (await import('../queue/client.js')).QueueAnalyzer.open(url, req);
