// The optional `clausemap.yaml`: who the user is, facts about each client the contracts do not state
// (industry, field, rate, committed hours), the user's own insurance cover and weekly capacity, per-file
// passwords, and corrections of any extracted value. Nothing in it is required. Loaded with zod at the
// edge (file:line:col errors, a misspelt key or category with the one it most likely means); the checks
// only ever see the parsed value.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { byPosition, didYouMean, loadYaml, type LoadProblem, type Locate } from '../yaml-load.js';
import { foldName } from '../names.js';

export const CONFIG_FILE = 'clausemap.yaml';

const Money = z
  .object({
    amount: z.number().nonnegative(),
    currency: z.string().min(1).optional(),
  })
  .strict();

export const RateSchema = z
  .object({
    amount: z.number().nonnegative(),
    currency: z.string().min(1).optional(),
    unit: z.enum(['hour', 'day', 'week', 'month', 'year', 'project']).default('hour'),
  })
  .strict();
export type Rate = z.infer<typeof RateSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written yyyy-mm-dd');

/** What the user may say about one contract (keyed by file name or path) or one client (by name). */
export const ContractConfigSchema = z
  .object({
    password: z.string().optional(),
    status: z.enum(['signed', 'draft', 'expired']).optional(),
    counterparty: z.string().min(1).optional(),
    industry: z.string().min(1).optional(),
    field: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    territory: z.string().min(1).optional(),
    rate: RateSchema.optional(),
    hoursPerWeek: z.number().nonnegative().optional(),
    fullTime: z.boolean().optional(),
    /** expected annual value of the engagement, for shares of the portfolio's value */
    value: z.number().nonnegative().optional(),
    effectiveDate: isoDate.optional(),
    expiryDate: isoDate.optional(),
    /** corrections of extracted values, by clause category: `term.termination-for-convenience: { noticeDays: 30 }` */
    set: z
      .record(
        z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'keys of "set" are clause categories such as "admin.payment-terms"'),
        z.record(z.string(), z.unknown()),
      )
      .optional(),
  })
  .strict();
export type ContractConfig = z.infer<typeof ContractConfigSchema>;

export const ConfigSchema = z
  .object({
    /** the user's own name as it appears in the contracts (or several spellings) */
    me: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    capacityHoursPerWeek: z.number().positive().optional(),
    /** what the user can supply in a month ("50000 units", with the unit the contracts use) */
    capacityPerMonth: z
      .object({ amount: z.number().positive(), unit: z.string().min(1) })
      .strict()
      .optional(),
    insurance: Money.extend({ type: z.string().optional() }).strict().optional(),
    /** a date to judge "now" by (periods, expired contracts, the calendar); default today */
    today: isoDate.optional(),
    clients: z.record(z.string(), ContractConfigSchema).optional(),
    contracts: z.record(z.string(), ContractConfigSchema).optional(),
    /** the playbook file to use instead of the shipped default (relative to this file) */
    playbook: z.string().optional(),
    /** findings the user has accepted, by their id in the report, each with the reason */
    waive: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z0-9-]+-[0-9a-f]{8}$/, 'a finding id as the report shows it, such as "mfn-breach-1a2b3c4d"'),
            reason: z.string().min(1),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;

export interface LoadedConfig {
  file?: string;
  config: Config;
  /** where a key or value of the file is written, for warnings about it */
  at?: Locate;
}

/**
 * clausemap.yaml, checked. With `categories` (the clause categories the extraction reports), each key of
 * a `set:` must be one of them: a misspelt category would otherwise correct nothing, silently.
 */
export function loadConfig(
  file: string,
  opts: { categories?: readonly string[] } = {},
): { config?: LoadedConfig; problems: LoadProblem[] } {
  const r = loadYaml(file, ConfigSchema);
  if (!r.ok) return { problems: r.problems };
  const config: Config = r.value ?? {};
  const problems: LoadProblem[] = [];
  const known = opts.categories ? new Set(opts.categories) : undefined;
  for (const section of ['clients', 'contracts'] as const) {
    for (const [name, entry] of Object.entries(config[section] ?? {})) {
      for (const category of Object.keys(entry.set ?? {})) {
        if (!known || known.has(category)) continue;
        const where = [section, name, 'set', category];
        problems.push({
          file,
          ...r.at(where, 'key'),
          message: `${section}.${name}.set: unknown clause category "${category}"${didYouMean(category, known)}`,
        });
      }
    }
  }
  return problems.length ? { problems: problems.sort(byPosition) } : { config: { file, config, at: r.at }, problems };
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The config to use: `--config FILE`, else the nearest `clausemap.yaml` at or above an input (a folder
 * given, or the folder of a file given), the first input that has one winning, as ESLint and Prettier find
 * theirs. The search stops at the user's home folder, or at the filesystem root for inputs outside it.
 */
export function findConfig(
  explicit: string | undefined,
  inputs: readonly string[],
  dirTest: (p: string) => boolean = isDir,
  home = homedir(),
): string | undefined {
  if (explicit) return explicit;
  const top = path.resolve(home);
  for (const i of inputs) {
    const start = dirTest(i) ? i : path.dirname(i);
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      const f = path.join(d, CONFIG_FILE);
      // named as the input is: relative when it was given relative
      if (existsSync(f)) return path.isAbsolute(start) ? f : path.relative(process.cwd(), f);
      if (d === top || path.dirname(d) === d) break;
    }
  }
  return undefined;
}

/** Whether a `contracts:` key names this file: its path as given, its base name, or a path suffix. */
function namesFile(key: string, file: string): boolean {
  return (
    key === file ||
    key === path.basename(file) ||
    file
      .split(path.sep)
      .join('/')
      .endsWith('/' + key.replace(/^\.?\//, ''))
  );
}

/**
 * A warning (file:line:col) for each `contracts:` entry that names none of the input files, with the file
 * it most likely means: a misspelt name would otherwise leave its password and corrections unused.
 */
export function unusedContractEntries(loaded: LoadedConfig, files: readonly string[]): string[] {
  const names = [...files.map((f) => path.basename(f)), ...files];
  return Object.keys(loaded.config.contracts ?? {})
    .filter((k) => !files.some((f) => namesFile(k, f)))
    .map((k) => {
      const p = loaded.at?.(['contracts', k], 'key') ?? { line: 0, col: 0 };
      return `${loaded.file}:${p.line}:${p.col}: warning: contracts: "${k}" is none of the input files, so its settings are not used${didYouMean(k, names)}`;
    });
}

const norm = foldName;

/** The config entry for a file: keyed by the path as given, its base name, or a path suffix. */
export function contractConfig(config: Config, file: string): ContractConfig | undefined {
  return Object.entries(config.contracts ?? {}).find(([k]) => namesFile(k, file))?.[1];
}

/** The client entry for a counterparty name: exact or loose (case, punctuation, "Inc." and the like). */
export function clientConfig(config: Config, name: string | undefined): ContractConfig | undefined {
  if (!name) return undefined;
  const n = norm(stripSuffix(name));
  for (const [k, v] of Object.entries(config.clients ?? {})) {
    const kn = norm(stripSuffix(k));
    if (kn && (kn === n || n.startsWith(kn + ' ') || kn.startsWith(n + ' '))) return v;
  }
  return undefined;
}

export function stripSuffix(name: string): string {
  return name
    .replace(/[,\s]+(?:inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|s\.?a|b\.?v|pty|llp|lp)\.?$/i, '')
    .trim();
}

export function mePatterns(config: Config): string[] {
  const m = config.me;
  return m === undefined ? [] : Array.isArray(m) ? m : [m];
}

/** Passwords by file, for analyzeInputs' perFile option. */
export function passwordFor(config: Config | undefined, file: string): { password: string } | undefined {
  if (!config) return undefined;
  const p = contractConfig(config, file)?.password;
  return p ? { password: p } : undefined;
}

const inside = (p: string, dir: string) => p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * Why a file found in a folder may not be read as that folder's own, or undefined when it may: a
 * clausemap.yaml that arrives with a folder (or a playbook it names) is the sender's, so it must be a file
 * of that folder, not a link or a `../` path to one of the user's files (/dev/zero, ~/.aws/…).
 */
export function outsideFolder(file: string, folder: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return undefined; // missing: reported as such when it is read
  }
  const dir = realpathSync(folder);
  if (inside(real, dir)) return undefined;
  return `${file}: is outside the folder of the clausemap.yaml that names it (${dir}); clausemap reads only files of that folder unless given on the command line (--config, --playbook)`;
}

/**
 * The playbook a clausemap.yaml names, resolved against the file's folder, with the problem that stops it
 * being read: it must be a YAML file (a JSON or other file is not read, so its contents never reach an error
 * message) and, unless the clausemap.yaml was given with --config, lie inside that folder.
 */
export function configPlaybook(
  loaded: LoadedConfig,
  explicitConfig: boolean,
): { file: string; problem?: LoadProblem } | undefined {
  const named = loaded.config.playbook;
  if (!named || !loaded.file) return undefined;
  const file = path.resolve(path.dirname(loaded.file), named);
  const at = loaded.at?.(['playbook']) ?? { line: 0, col: 0 };
  const problem = (message: string) => ({ file, problem: { file: loaded.file!, ...at, message } });
  if (!/\.ya?ml$/i.test(file)) return problem(`playbook: ${named}: a playbook is a .yaml file; give one`);
  const outside = explicitConfig ? undefined : outsideFolder(file, path.dirname(loaded.file));
  return outside ? problem(`playbook: ${outside}`) : { file };
}
