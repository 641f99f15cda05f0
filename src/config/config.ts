// The optional `clausemap.yaml`: who the user is, facts about each client the contracts do not state
// (industry, field, rate, committed hours), the user's own insurance cover and weekly capacity, per-file
// passwords, and corrections of any extracted value. Nothing in it is required. Loaded with zod at the
// edge (file:line errors); the checks only ever see the parsed value.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadYaml, type LoadProblem } from '../yaml-load.js';
import { foldName } from '../names.js';

export const CONFIG_FILE = 'clausemap.yaml';

const Money = z.object({
  amount: z.number().nonnegative(),
  currency: z.string().min(1).optional(),
}).strict();

export const RateSchema = z.object({
  amount: z.number().nonnegative(),
  currency: z.string().min(1).optional(),
  unit: z.enum(['hour', 'day', 'week', 'month', 'year', 'project']).default('hour'),
}).strict();
export type Rate = z.infer<typeof RateSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written yyyy-mm-dd');

/** What the user may say about one contract (keyed by file name or path) or one client (by name). */
export const ContractConfigSchema = z.object({
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
  set: z.record(z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'keys of "set" are clause categories such as "admin.payment-terms"'),
    z.record(z.string(), z.unknown())).optional(),
}).strict();
export type ContractConfig = z.infer<typeof ContractConfigSchema>;

export const ConfigSchema = z.object({
  /** the user's own name as it appears in the contracts (or several spellings) */
  me: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  capacityHoursPerWeek: z.number().positive().optional(),
  insurance: Money.extend({ type: z.string().optional() }).strict().optional(),
  /** a date to judge "now" by (periods, expired contracts, the calendar); default today */
  today: isoDate.optional(),
  clients: z.record(z.string(), ContractConfigSchema).optional(),
  contracts: z.record(z.string(), ContractConfigSchema).optional(),
  /** the playbook file to use instead of the shipped default (relative to this file) */
  playbook: z.string().optional(),
}).strict();
export type Config = z.infer<typeof ConfigSchema>;

export interface LoadedConfig { file?: string; config: Config }

export function loadConfig(file: string): { config?: LoadedConfig; problems: LoadProblem[] } {
  const r = loadYaml(file, ConfigSchema);
  if (!r.ok) return { problems: r.problems };
  return { config: { file, config: r.value ?? {} }, problems: [] };
}

/** The config to use: `--config FILE`, else `clausemap.yaml` in the first folder given, else none. */
export function findConfig(explicit: string | undefined, inputs: readonly string[], isDir: (p: string) => boolean): string | undefined {
  if (explicit) return explicit;
  for (const i of inputs) {
    if (!isDir(i)) continue;
    const f = path.join(i, CONFIG_FILE);
    if (existsSync(f)) return f;
  }
  return undefined;
}

const norm = foldName;

/** The config entry for a file: keyed by the path as given, its base name, or a path suffix. */
export function contractConfig(config: Config, file: string): ContractConfig | undefined {
  const entries = Object.entries(config.contracts ?? {});
  const f = file.split(path.sep).join('/');
  const hit = entries.find(([k]) => k === file || k === path.basename(file) || f.endsWith('/' + k.replace(/^\.?\//, '')));
  return hit?.[1];
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
  return name.replace(/[,\s]+(?:inc|llc|ltd|limited|gmbh|corp|corporation|co|plc|s\.?a|b\.?v|pty|llp|lp)\.?$/i, '').trim();
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
